internal import CCurl
import Synchronization

/// One request in flight: its easy handle, the curl callbacks, and the continuations of the task(s) waiting
/// for it.
///
/// Two kinds of state: fields marked "driver thread" are touched only by the driver thread (curl callbacks
/// and completion), everything else lives in ``shared`` behind a mutex.
final class CurlTransfer: @unchecked Sendable {
    enum Mode { case buffered, streaming }

    struct Shared {
        var cancelled = false
        var done = false
        var failure: CurlError?
        var response: CheckedContinuation<CurlResponse, any Error>?
        var headWaiter: CheckedContinuation<CurlResponseHead, any Error>?
        var bodyWaiter: CheckedContinuation<[UInt8]?, any Error>?
        var chunks: [[UInt8]] = []
        var firstChunk = 0
        var bufferedBytes = 0
        var paused = false
    }

    let easy: CurlEasy
    let mode: Mode
    let url: String
    let maxResponseBytes: Int
    let streamBufferBytes: Int
    let connectionFilter: (@Sendable (String) -> Bool)?
    let proxy: String?
    private let headerList: CurlSlist
    let driver: CurlDriver
    let shared = Mutex(Shared())

    // Driver thread only.
    var active = false
    private var headFields = CurlHeaders()
    private(set) var head: CurlResponseHead?
    private var received = 0
    private(set) var overLimit = false
    private var body: [UInt8] = []
    var rejectedAddress: String?
    var lastActivity = ContinuousClock.now
    var idleExpired = false
    let idleTimeout: Duration?

    init(request: CurlRequest, mode: Mode, driver: CurlDriver, configuration: CurlClient.Configuration) throws(CurlError) {
        self.mode = mode
        self.url = request.url
        self.maxResponseBytes = max(0, request.maxResponseBytes)
        self.streamBufferBytes = max(1, configuration.streamBufferBytes)
        self.connectionFilter = configuration.connectionFilter
        self.proxy = configuration.proxy
        self.driver = driver
        self.idleTimeout = request.idleTimeout
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if !request.headers.contains(where: { $0.name.lowercased() == "expect" }) { lines.append("Expect:") }
        if !request.headers.contains(where: { $0.name.lowercased() == "content-type" }) { lines.append("Content-Type:") }
        if !request.headers.contains(where: { $0.name.lowercased() == "user-agent" }) {
            lines.append("User-Agent: \(configuration.userAgent)")
        }
        try CurlTransfer.checkHeaders(request.headers)
        headerList = try CurlSlist(lines)
        easy = try driver.checkoutEasy()
        try configure(request)
    }

    private static func checkHeaders(_ headers: [(name: String, value: String)]) throws(CurlError) {
        for header in headers {
            let bad = header.name.isEmpty || header.name.utf8.contains { $0 <= 32 || $0 == 58 || $0 >= 127 }
                || header.value.utf8.contains { $0 == 10 || $0 == 13 || $0 == 0 }
            if bad { throw CurlError(.invalidRequest, "invalid header name or value for '\(header.name)'") }
        }
    }

    private func configure(_ request: CurlRequest) throws(CurlError) {
        let context = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
        try easy.set(CURLOPT_URL, string: request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_TCP_KEEPALIVE, 1)
        if let proxy { try easy.set(CURLOPT_PROXY, string: proxy) }
        try easy.set(CURLOPT_HTTPHEADER, pointer: headerList.pointer.map { UnsafeRawPointer($0) })
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, request.connectTimeout.curlMilliseconds))
        try easy.set(CURLOPT_TIMEOUT_MS, request.timeout.map { max(1, $0.curlMilliseconds) } ?? 0)
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: maxResponseBytes)
        if request.decompress { try easy.set(CURLOPT_ACCEPT_ENCODING, string: "") }
        switch request.method.uppercased() {
        case "GET" where request.body == nil:
            try easy.set(CURLOPT_HTTPGET, 1)
        case "HEAD":
            try easy.set(CURLOPT_NOBODY, 1)
        case "POST":
            try easy.setBody(request.body ?? [])
        default:
            if let body = request.body { try easy.setBody(body) }
            try easy.set(CURLOPT_CUSTOMREQUEST, string: request.method)
        }
        try easy.set(CURLOPT_WRITEFUNCTION, callback: curlWriteCallback)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION, callback: curlHeaderCallback)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        if connectionFilter != nil {
            try easy.setOpenSocket(curlOpenSocketCallback)
            try easy.set(CURLOPT_OPENSOCKETDATA, pointer: context)
        }
    }

    // MARK: - Waiting tasks (any thread)

    /// Installs the buffered-mode continuation; false (and `continuation` resumed) when already cancelled.
    func install(response continuation: CheckedContinuation<CurlResponse, any Error>) -> Bool {
        let cancelled = shared.withLock { state -> Bool in
            if state.cancelled { return true }
            state.response = continuation
            return false
        }
        if cancelled { continuation.resume(throwing: cancelledError()) }
        return !cancelled
    }

    /// Installs the streaming-mode head continuation; false (and `continuation` resumed) when already cancelled.
    func install(head continuation: CheckedContinuation<CurlResponseHead, any Error>) -> Bool {
        let cancelled = shared.withLock { state -> Bool in
            if state.cancelled { return true }
            state.headWaiter = continuation
            return false
        }
        if cancelled { continuation.resume(throwing: cancelledError()) }
        return !cancelled
    }

    /// Cancels the transfer: wakes every waiter with ``CurlError/Code/cancelled`` and asks the driver to
    /// remove and free the handle. Does nothing once the transfer is done.
    func cancel() {
        let waiters = shared.withLock { state -> Waiters? in
            if state.done || state.cancelled { return nil }
            state.cancelled = true
            return state.takeWaiters()
        }
        guard let waiters else { return }
        waiters.fail(cancelledError())
        driver.send(.cancel(self))
    }

    /// Fails a transfer that never reached curl (driver stopped).
    func fail(_ error: CurlError) {
        let waiters = shared.withLock { state -> Waiters in
            state.done = true
            state.failure = error
            return state.takeWaiters()
        }
        waiters.fail(error)
    }

    func cancelledError() -> CurlError { CurlError(.cancelled, "the request was cancelled", url: url) }

    // MARK: - curl callbacks (driver thread)

    func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        lastActivity = .now
        guard head == nil else { return bytes.count }  // trailers
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 10 || bytes[end - 1] == 13) { end -= 1 }
        let line = Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self))
        if line.isEmpty {
            endOfHead()
        } else if line.hasPrefix("HTTP/") {
            headFields = CurlHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headFields.append(name: String(name), value: String(value))
        }
        return bytes.count
    }

    private func endOfHead() {
        let status = easy.long(CURLINFO_RESPONSE_CODE) ?? 0
        if (100..<200).contains(status) {
            headFields = CurlHeaders()
            return
        }
        let newHead = makeHead(status: status)
        head = newHead
        // A redirect's target (CURLINFO_REDIRECT_URL) is known only once the transfer is complete: its head is
        // delivered then (redirect bodies are small).
        let isRedirect = [301, 302, 303, 307, 308].contains(status) && headFields["location"] != nil
        guard mode == .streaming, !isRedirect else { return }
        let waiter = shared.withLock { state -> CheckedContinuation<CurlResponseHead, any Error>? in
            defer { state.headWaiter = nil }
            return state.headWaiter
        }
        waiter?.resume(returning: newHead)
    }

    private func makeHead(status: Int) -> CurlResponseHead {
        CurlResponseHead(
            status: status, headers: headFields, remoteIP: easy.string(CURLINFO_PRIMARY_IP),
            url: easy.string(CURLINFO_EFFECTIVE_URL) ?? url, redirectURL: easy.string(CURLINFO_REDIRECT_URL))
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        lastActivity = .now
        let (total, overflow) = received.addingReportingOverflow(bytes.count)
        if overflow || total > maxResponseBytes {
            overLimit = true
            return 0
        }
        if mode == .buffered {
            body.append(contentsOf: bytes)
            received = total
            return bytes.count
        }
        if head == nil { endOfHead() }
        enum Action { case abort, pause, queued, deliver(CheckedContinuation<[UInt8]?, any Error>) }
        let action = shared.withLock { state -> Action in
            if state.cancelled { return .abort }
            if let waiter = state.bodyWaiter {
                state.bodyWaiter = nil
                return .deliver(waiter)
            }
            if state.bufferedBytes >= streamBufferBytes {
                state.paused = true
                return .pause
            }
            state.chunks.append(Array(bytes))
            state.bufferedBytes += bytes.count
            return .queued
        }
        switch action {
        case .abort: return 0
        case .pause: return quiver_curl_writefunc_pause()
        case .queued:
            received = total
            return bytes.count
        case .deliver(let waiter):
            received = total
            waiter.resume(returning: Array(bytes))
            return bytes.count
        }
    }

    /// The transfer ended (curl finished it, or the driver removed it); resolves every waiter.
    func complete(_ result: CURLcode) {
        var error: CurlError?
        if result != CURLE_OK { error = makeError(result) }
        var finalHead = head ?? makeHead(status: easy.long(CURLINFO_RESPONSE_CODE) ?? 0)
        if let redirectURL = easy.string(CURLINFO_REDIRECT_URL) {
            finalHead = CurlResponseHead(status: finalHead.status, headers: finalHead.headers, remoteIP: finalHead.remoteIP,
                                         url: finalHead.url, redirectURL: redirectURL)
        }
        if error == nil && finalHead.status == 0 {
            error = CurlError(.connectionLost, "no HTTP response received", url: url)
        }
        let waiters = shared.withLock { state -> Waiters in
            state.done = true
            state.failure = error
            var waiters = Waiters(response: state.response, head: state.headWaiter, body: nil)
            state.response = nil
            state.headWaiter = nil
            if state.firstChunk >= state.chunks.count {
                waiters.body = state.bodyWaiter
                state.bodyWaiter = nil
            }
            return waiters
        }
        if let error {
            waiters.fail(error)
            return
        }
        waiters.response?.resume(returning: CurlResponse(head: finalHead, body: body))
        waiters.head?.resume(returning: finalHead)
        waiters.body?.resume(returning: nil)
        body = []
    }
}

/// Continuations taken out of the shared state, resumed after the lock is released.
struct Waiters {
    var response: CheckedContinuation<CurlResponse, any Error>?
    var head: CheckedContinuation<CurlResponseHead, any Error>?
    var body: CheckedContinuation<[UInt8]?, any Error>?

    func fail(_ error: CurlError) {
        response?.resume(throwing: error)
        head?.resume(throwing: error)
        body?.resume(throwing: error)
    }
}

extension CurlTransfer.Shared {
    mutating func takeWaiters() -> Waiters {
        defer {
            response = nil
            headWaiter = nil
            bodyWaiter = nil
        }
        return Waiters(response: response, head: headWaiter, body: bodyWaiter)
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

extension Duration {
    /// Whole milliseconds, clamped to 0...Int.max / 2.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow || ms > Int64(Int.max / 2) { return Int.max / 2 }
        return Int(ms) + Int(attoseconds / 1_000_000_000_000_000)
    }
}
