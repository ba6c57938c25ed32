internal import CCurl
import Synchronization
import ThreadSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one curl multi handle on a dedicated thread.
///
/// Why a multi handle on its own thread (and not a pool of easy handles with a share handle): the multi
/// handle owns the connection cache, so every request on this client can reuse any idle connection; curl
/// drives all transfers with non-blocking sockets from a single `curl_multi_poll` loop, so no Swift
/// cooperative thread ever blocks on I/O, and one thread serves any number of concurrent requests.
/// `curl_multi_wakeup` interrupts the poll when a task submits, cancels or resumes a transfer. A pool of
/// blocking `curl_easy_perform` calls would need one thread per concurrent request.
///
/// Tasks talk to the thread only through ``send(_:)`` (a mutex-protected inbox plus a wakeup); the table of
/// active transfers and the multi handle are touched only by the thread.
final class CurlDriver: @unchecked Sendable {
    enum Command {
        case add(CurlTransfer)
        case cancel(CurlTransfer)
        case unpause(CurlTransfer)
    }

    private struct Inbox {
        var commands: [Command] = []
        var stopping = false
    }

    private let multi: CurlMulti
    private let inbox = Mutex(Inbox())
    private let idleEasies = Mutex([CurlEasy]())
    private let maxIdleEasies = 32
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]  // driver thread only

    init(maxConnectionsPerHost: Int, maxCachedConnections: Int) throws(CurlError) {
        multi = try CurlMulti(maxConnectionsPerHost: maxConnectionsPerHost, maxCachedConnections: maxCachedConnections)
    }

    /// Starts the driver thread; it keeps the driver alive until ``stop()``.
    func start() throws(CurlError) {
        // The thread holds the driver until run() returns (after stop()).
        let code = DetachedThread.start(name: "quiver-curl") { self.run() }
        guard code == 0 else {
            throw CurlError(.curl, "could not start the curl driver thread (pthread_create returned \(code))")
        }
    }

    /// Queues a command for the driver thread. An `add` after ``stop()`` fails the transfer at once.
    func send(_ command: Command) {
        let accepted = inbox.withLock { inbox -> Bool in
            if inbox.stopping { return false }
            inbox.commands.append(command)
            return true
        }
        if accepted {
            multi.wakeup()
        } else if case .add(let transfer) = command {
            transfer.fail(CurlError(.cancelled, "the HTTP client has been shut down", url: transfer.url))
        }
    }

    /// Stops the thread: transfers in flight fail with ``CurlError/Code/cancelled``.
    func stop() {
        inbox.withLock { $0.stopping = true }
        multi.wakeup()
    }

    /// An easy handle from the idle pool (already reset), or a new one.
    func checkoutEasy() throws(CurlError) -> CurlEasy {
        if let easy = idleEasies.withLock({ $0.popLast() }) { return easy }
        let easy = try CurlEasy()
        try easy.reset()
        return easy
    }

    private func recycle(_ easy: CurlEasy) {
        guard (try? easy.reset()) != nil else { return }
        idleEasies.withLock { idle in
            if idle.count < maxIdleEasies { idle.append(easy) }
        }
    }

    // MARK: - Driver thread

    private func run() {
        while true {
            let (commands, stopping) = inbox.withLock { inbox -> ([Command], Bool) in
                defer { inbox.commands.removeAll(keepingCapacity: true) }
                return (inbox.commands, inbox.stopping)
            }
            for command in commands { handle(command) }
            if stopping { break }
            do {
                try multi.perform()
            } catch {
                failAll(error)
            }
            while let done = multi.nextDone() { finish(done.easy, done.result) }
            let watchingIdle = expireIdleTransfers()
            do {
                try multi.poll(milliseconds: watchingIdle ? 100 : 1000)
            } catch {
                failAll(error)
                usleep(10_000)  // never spin on a failing poll
            }
        }
        for transfer in active.values {
            try? multi.remove(transfer.easy)
            transfer.active = false
            transfer.fail(CurlError(.cancelled, "the HTTP client has been shut down", url: transfer.url))
        }
        active.removeAll()
        idleEasies.withLock { $0.removeAll() }
    }

    private func handle(_ command: Command) {
        switch command {
        case .add(let transfer):
            if transfer.shared.withLock({ $0.cancelled }) {
                transfer.complete(CURLE_ABORTED_BY_CALLBACK)
                recycle(transfer.easy)
                return
            }
            do {
                try multi.add(transfer.easy)
                active[transfer.easy.handle] = transfer
                transfer.active = true
                transfer.lastActivity = .now
            } catch {
                transfer.fail(error)
                recycle(transfer.easy)
            }
        case .cancel(let transfer):
            guard transfer.active else { return }
            finish(transfer.easy.handle, CURLE_ABORTED_BY_CALLBACK)
        case .unpause(let transfer):
            guard transfer.active else { return }
            let code = curl_easy_pause(transfer.easy.handle, quiver_curl_pause_cont())
            if code != CURLE_OK { finish(transfer.easy.handle, code) }
        }
    }

    private func finish(_ handle: UnsafeMutableRawPointer, _ result: CURLcode) {
        guard let transfer = active.removeValue(forKey: handle) else { return }
        transfer.active = false
        let removed = (try? multi.remove(transfer.easy)) != nil
        transfer.complete(result)
        if removed { recycle(transfer.easy) }
    }

    /// Ends transfers whose idle timeout passed; true when some transfer has an idle timeout to watch.
    private func expireIdleTransfers() -> Bool {
        var watching = false
        let now = ContinuousClock.now
        for (handle, transfer) in active {
            guard let idle = transfer.idleTimeout else { continue }
            watching = true
            if transfer.shared.withLock({ $0.paused }) {
                transfer.lastActivity = now  // the consumer is slow, not the server
            } else if now - transfer.lastActivity > idle {
                transfer.idleExpired = true
                finish(handle, CURLE_OPERATION_TIMEDOUT)
            }
        }
        return watching
    }

    private func failAll(_ error: CurlError) {
        for handle in Array(active.keys) {
            guard let transfer = active.removeValue(forKey: handle) else { continue }
            transfer.active = false
            try? multi.remove(transfer.easy)
            transfer.fail(error)
        }
    }
}
