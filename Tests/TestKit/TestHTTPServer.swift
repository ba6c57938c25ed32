import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests: POSIX sockets, one thread per connection, keep-alive,
/// scripted answers from `handler`. Bounded: at most `maxConnections` at once (more are closed at accept),
/// and it stops by itself after `lifetime` even if a test forgets to call ``stop()``.
public final class TestHTTPServer: Sendable {
    public typealias Handler = @Sendable (TestHTTPRequest) -> TestHTTPResponse

    struct State {
        var stopping = false
        var accepted = 0
        var requests = 0
        var threads = 0
        var sockets: Set<Int32> = []
    }

    /// The port the server listens on.
    public let port: Int
    let listener: Int32
    let handler: Handler
    let maxConnections: Int
    let deadline: ContinuousClock.Instant
    let state = Mutex(State())

    /// "http://127.0.0.1:PORT"
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// Connections accepted so far (a measure of connection reuse).
    public var acceptedConnections: Int { state.withLock { $0.accepted } }
    /// Requests answered or dropped so far.
    public var requestCount: Int { state.withLock { $0.requests } }
    /// Threads still running (accept loop and connections).
    public var runningThreads: Int { state.withLock { $0.threads } }

    public init(lifetime: Duration = .seconds(120), maxConnections: Int = 64, handler: @escaping Handler) throws {
        self.handler = handler
        self.maxConnections = maxConnections
        self.deadline = ContinuousClock.now + lifetime
        let (fd, port) = try TestHTTPServer.listen()
        listener = fd
        self.port = port
        state.withLock { $0.threads = 1 }
        guard TestThread.spawn({ [self] in acceptLoop() }) else {
            close(fd)
            throw TestServerError("could not start the accept thread")
        }
    }

    /// Stops accepting, closes every connection, and waits (up to 5 s) for every thread to end.
    public func stop() async {
        let sockets = state.withLock { state -> Set<Int32> in
            state.stopping = true
            return state.sockets
        }
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
        let limit = ContinuousClock.now + .seconds(5)
        while runningThreads > 0 && ContinuousClock.now < limit {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    var isStopping: Bool {
        state.withLock { $0.stopping } || ContinuousClock.now >= deadline
    }

    private static func listen() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestServerError("socket() failed: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 128) == 0 else {
            close(fd)
            throw TestServerError("bind/listen failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw TestServerError("getsockname failed: errno \(errno)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private func acceptLoop() {
        defer {
            close(listener)
            state.withLock { $0.threads -= 1 }
        }
        while !isStopping {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let admitted = state.withLock { state -> Int? in
                guard !state.stopping, state.sockets.count < maxConnections else { return nil }
                state.accepted += 1
                state.threads += 1
                state.sockets.insert(client)
                return state.accepted
            }
            guard let number = admitted else {
                close(client)
                continue
            }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let started = TestThread.spawn { [self] in
                var connection = TestHTTPConnection(server: self, fd: client, number: number)
                connection.run()
                state.withLock { state in
                    state.sockets.remove(client)
                    state.threads -= 1
                }
                close(client)
            }
            if !started {
                state.withLock { state in
                    state.sockets.remove(client)
                    state.threads -= 1
                }
                close(client)
            }
        }
    }

    func countRequest() { state.withLock { $0.requests += 1 } }
}

public struct TestServerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
