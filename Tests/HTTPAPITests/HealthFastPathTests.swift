import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Testing

import Foundation
#if canImport(Glibc)
import Glibc
#endif

@testable import HTTPAPI

/// `GET /health` answered on the event loop (``HealthFastPath``), checked over real TCP connections.
@Suite struct HealthFastPathTests {
    /// Routes for the ordering test: one slow answer.
    struct SlowRoutes: APIRouteGroup {
        func register(on router: Router<QuiverRequestContext>) {
            router.get("/test/slow") { _, _ -> String in
                try await Task.sleep(for: .milliseconds(300))
                return "slow-done"
            }
        }
    }

    /// Runs a live server on an ephemeral port and hands `body` its port.
    private func withLiveServer(_ server: APIServer, _ body: @escaping @Sendable (Int, APIServer) async throws -> Void) async throws {
        try await server.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            try await body(port, server)
        }
    }

    private func liveServer(groups: [any APIRouteGroup] = [TestRoutes()]) -> APIServer {
        var settings = HTTPSettings()
        settings.host = "127.0.0.1"
        settings.port = 0
        return APIServer(settings: settings, routeGroups: groups)
    }

    @Test func answersWithRequestIDAndIsCounted() async throws {
        try await withLiveServer(liveServer()) { port, server in
            let text = try RawHTTP.exchange(port: port, send: "GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: probe-7\r\n\r\n", responses: 1)
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(text.lowercased().contains("x-request-id: probe-7"))
            #expect(text.contains(#""status":"ok""#))
            let metrics = String(decoding: server.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains(#"quiver_requests_total{route="/health",method="GET",status="200"} 1"#))
        }
    }

    @Test func pipelinedProbeWaitsForTheRequestBeforeIt() async throws {
        try await withLiveServer(liveServer(groups: [SlowRoutes()])) { port, _ in
            // Both requests in one write: the slow one must be answered first (HTTP/1.1 ordering).
            let text = try RawHTTP.exchange(
                port: port,
                send: "GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n",
                responses: 2)
            let slow = try #require(text.range(of: "slow-done"))
            let health = try #require(text.range(of: #""status":"ok""#))
            #expect(slow.lowerBound < health.lowerBound)
        }
    }

    @Test func onlyPlainGetHealthIsTakenByTheFastPath() {
        func request(_ method: HTTPMethod, _ uri: String, _ version: HTTPVersion = .http1_1, _ headers: HTTPHeaders = [:]) -> HTTPRequestHead {
            HTTPRequestHead(version: version, method: method, uri: uri, headers: headers)
        }
        #expect(HealthFastPath.isHealthProbe(request(.GET, "/health")))
        #expect(HealthFastPath.isHealthProbe(request(.GET, "/health", .http1_0, ["Connection": "keep-alive"])))
        #expect(!HealthFastPath.isHealthProbe(request(.HEAD, "/health")))
        #expect(!HealthFastPath.isHealthProbe(request(.POST, "/health")))
        #expect(!HealthFastPath.isHealthProbe(request(.GET, "/health?verbose=1")))
        #expect(!HealthFastPath.isHealthProbe(request(.GET, "/healthz")))
        #expect(!HealthFastPath.isHealthProbe(request(.GET, "/health", .http1_1, ["Connection": "close"])))
        #expect(!HealthFastPath.isHealthProbe(request(.GET, "/health", .http1_0)))
    }

    /// The pipeline Hummingbird builds (NIO's HTTP/1 server handlers, then the swift-http-types codec, then the
    /// extra handlers): the installer moves the fast path in front of the codec and goes away; a probe is
    /// answered without reaching the end of the pipeline, anything else passes through converted.
    @Test func theInstallerPutsTheFastPathBeforeTheCodec() throws {
        let channel = EmbeddedChannel()
        defer { _ = try? channel.finish() }
        let pipeline = channel.pipeline.syncOperations
        try pipeline.configureHTTPServerPipeline(withErrorHandling: false)
        let codec = HTTP1ToHTTPServerCodec(secure: false)
        try pipeline.addHandler(codec)
        let metrics = APIMetrics(version: "test")
        try pipeline.addHandler(HealthFastPath.Installer(HealthFastPath(body: ByteBuffer(string: #"{"status":"ok"}"#), metrics: metrics)))
        #expect(throws: (any Error).self) { _ = try pipeline.handler(type: HealthFastPath.Installer.self) }
        _ = try pipeline.context(handlerType: HealthFastPath.self)
        // Its place is shown by what follows: it reads NIO's HTTP/1 parts, which exist only before the codec.

        try channel.writeInbound(ByteBuffer(string: "GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: e-1\r\n\r\n"))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
        var answer = ""
        while let part = try channel.readOutbound(as: ByteBuffer.self) { answer += String(buffer: part) }
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(answer.contains("X-Request-Id: e-1\r\n"))
        #expect(answer.hasSuffix(#"{"status":"ok"}"#))
        let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(exposition.contains(#"quiver_requests_total{route="/health",method="GET",status="200"} 1"#))

        try channel.writeInbound(ByteBuffer(string: "GET /tools HTTP/1.1\r\nHost: x\r\n\r\n"))
        guard case .head(let passed) = try channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("GET /tools did not reach the end of the pipeline")
            return
        }
        #expect(passed.path == "/tools")
    }
}

/// A blocking HTTP/1.1 exchange over a plain socket, for what an HTTP client library hides (pipelining).
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `send` in one write and reads until `responses` complete responses (by Content-Length) arrived.
    static func exchange(port: Int, send: String, responses: Int, timeoutSeconds: Int = 5) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port) failed") }
        let bytes = Array(send.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw Failure(description: "short send")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while completeResponses(received) < responses {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(description: "connection ended after \(received.count) bytes: \(String(decoding: received, as: UTF8.self))") }
            received.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// How many complete responses `data` holds (each needs its headers and Content-Length bytes of body).
    static func completeResponses(_ data: [UInt8]) -> Int {
        var text = Substring(String(decoding: data, as: UTF8.self))
        var count = 0
        while let headerEnd = text.range(of: "\r\n\r\n") {
            let head = text[..<headerEnd.lowerBound].lowercased()
            var length = 0
            for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
            }
            let rest = text[headerEnd.upperBound...]
            guard rest.utf8.count >= length else { break }
            count += 1
            text = rest.dropFirst(length)
        }
        return count
    }
}
