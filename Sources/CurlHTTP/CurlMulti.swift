internal import CCurl
import Synchronization

/// Owns one `CURLM *` multi handle; `deinit` frees it. Used only by the driver thread after `init`
/// (except ``wakeup()``, which curl allows from any thread).
final class CurlMulti: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init(maxConnectionsPerHost: Int, maxCachedConnections: Int) throws(CurlError) {
        CurlGlobal.initialize()
        guard CurlGlobal.succeeded else { throw CurlError(.curl, "curl_global_init failed") }
        guard let handle = curl_multi_init() else { throw CurlError(.curl, "curl_multi_init failed (out of memory)") }
        self.handle = handle
        try check(quiver_curl_multi_setopt_long(handle, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost), "CURLMOPT_MAX_HOST_CONNECTIONS")
        try check(quiver_curl_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, maxCachedConnections), "CURLMOPT_MAXCONNECTS")
    }

    deinit { curl_multi_cleanup(handle) }

    func add(_ easy: CurlEasy) throws(CurlError) {
        try check(curl_multi_add_handle(handle, easy.handle), "curl_multi_add_handle")
    }

    func remove(_ easy: CurlEasy) throws(CurlError) {
        try check(curl_multi_remove_handle(handle, easy.handle), "curl_multi_remove_handle")
    }

    /// Runs every transfer as far as it can go without blocking.
    func perform() throws(CurlError) {
        var running: Int32 = 0
        try check(curl_multi_perform(handle, &running), "curl_multi_perform")
    }

    /// Waits for socket activity, curl's next timeout, a ``wakeup()``, or `milliseconds`.
    func poll(milliseconds: Int32) throws(CurlError) {
        try check(curl_multi_poll(handle, nil, 0, milliseconds, nil), "curl_multi_poll")
    }

    /// Interrupts a ``poll(milliseconds:)`` in progress; safe from any thread. Should the wakeup fail, the
    /// poll still returns within its timeout (1 s at most), so the command is only delayed.
    func wakeup() {
        let code = curl_multi_wakeup(handle)
        if code != CURLM_OK { wakeupFailures.add(1, ordering: .relaxed) }
    }

    /// How many wakeups failed (kept for diagnosis).
    let wakeupFailures = Atomic<Int>(0)

    /// The next finished transfer: its easy handle and result.
    func nextDone() -> (easy: UnsafeMutableRawPointer, result: CURLcode)? {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(handle, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            return (easy, message.pointee.data.result)
        }
        return nil
    }

    private func check(_ code: CURLMcode, _ what: String) throws(CurlError) {
        guard code != CURLM_OK else { return }
        throw CurlError(.curl, "\(what) failed: \(String(cString: curl_multi_strerror(code)))", curlCode: Int(code.rawValue))
    }
}
