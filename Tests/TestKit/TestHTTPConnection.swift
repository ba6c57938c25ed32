#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One accepted connection of ``TestHTTPServer``: reads requests, writes scripted responses, keep-alive.
struct TestHTTPConnection {
    let server: TestHTTPServer
    let fd: Int32
    let number: Int
    private let idleLimit: Duration = .seconds(10)
    private var buffer: [UInt8] = []

    init(server: TestHTTPServer, fd: Int32, number: Int) {
        self.server = server
        self.fd = fd
        self.number = number
    }

    mutating func run() {
        while let request = readRequest() {
            server.countRequest()
            let response = server.handler(request)
            if response.drop { return }
            if response.delay > .zero && !sleep(response.delay) { return }
            guard write(response, headOnly: request.method == "HEAD") else { return }
            if response.close || request.header("Connection")?.lowercased() == "close" { return }
        }
    }

    /// Sleeps in small slices; false when the server is stopping.
    private func sleep(_ duration: Duration) -> Bool {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end {
            if server.isStopping { return false }
            usleep(2_000)
        }
        return true
    }

    private mutating func fill() -> Bool {
        let idleEnd = ContinuousClock.now + idleLimit
        while !server.isStopping && ContinuousClock.now < idleEnd {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 20) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
        return false
    }

    private mutating func readRequest() -> TestHTTPRequest? {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = TestHTTPConnection.find([13, 10, 13, 10], in: buffer)
            if headEnd == nil && (buffer.count > 1 << 20 || !fill()) { return nil }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers.append((String(line[..<colon]), String(value)))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        while buffer.count < length {
            if !fill() { return nil }
        }
        let body = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return TestHTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body, connection: number)
    }

    /// Writes `response`; for a HEAD request only its head (RFC 9110: a HEAD response has no body, and
    /// sending one would corrupt the next response on a kept-alive connection).
    private func write(_ response: TestHTTPResponse, headOnly: Bool) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(TestHTTPResponse.reason(response.status))\r\n"
        for header in response.headers { head += "\(header.name): \(header.value)\r\n" }
        switch response.body {
        case .bytes(let bytes): head += "Content-Length: \(bytes.count)\r\n"
        case .repeated(_, let count): head += "Content-Length: \(count)\r\n"
        case .chunked, .gated: head += "Transfer-Encoding: chunked\r\n"
        }
        if response.close { head += "Connection: close\r\n" }
        head += "\r\n"
        guard send(Array(head.utf8)) else { return false }
        if headOnly { return true }
        switch response.body {
        case .bytes(let bytes):
            return send(bytes)
        case .repeated(let byte, let count):
            let slice = [UInt8](repeating: byte, count: 65536)
            var left = count
            while left > 0 {
                let n = min(left, slice.count)
                guard send(Array(slice[0..<n])) else { return false }
                left -= n
            }
            return true
        case .chunked(let chunks, let interval, let truncated):
            for chunk in chunks where !chunk.isEmpty {
                let size = Array((String(chunk.count, radix: 16) + "\r\n").utf8)
                guard send(size + chunk + [13, 10]) else { return false }
                if interval > .zero && !sleep(interval) { return false }
            }
            if truncated { return false }  // closes without the last chunk
            return send(Array("0\r\n\r\n".utf8))
        case .gated(let first, let rest, let gate, let timeout):
            func chunk(_ bytes: [UInt8]) -> [UInt8] { Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10] }
            guard send(chunk(first)) else { return false }
            let end = ContinuousClock.now + timeout
            while !gate(), ContinuousClock.now < end {
                if server.isStopping { return false }
                usleep(2_000)
            }
            return send(chunk(rest) + Array("0\r\n\r\n".utf8))
        }
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
