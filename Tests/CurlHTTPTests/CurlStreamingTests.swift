import CurlHTTP
import Synchronization
import Testing
import TestKit

@Suite struct CurlStreamingTests {
    @Test func headArrivesBeforeBodyAndChunksBeforeTheEnd() async throws {
        // The server sends the first chunk, then waits until the test has received it before sending the
        // rest. A client that buffered the body until its end could never hand the first chunk over in
        // time: the server would give up waiting after 30 s. No wall-clock bound, so load cannot fail it.
        final class Flags: Sendable {
            let received = Atomic<Bool>(false)
            let gateOpened = Atomic<Bool>(false)
        }
        let flags = Flags()
        let server = try TestHTTPServer(handler: { request in
            guard request.path == "/gated" else { return testRoutes(request) }
            return TestHTTPResponse(
                headers: [("Content-Type", "text/plain")],
                body: .gated(first: Array("first;".utf8), rest: Array("rest;".utf8), gate: {
                    let open = flags.received.load(ordering: .acquiring)
                    if open { flags.gateOpened.store(true, ordering: .releasing) }
                    return open
                }, timeout: .seconds(30)))
        })
        let client = try CurlClient()
        let response = try await client.stream(CurlRequest(url: server.baseURL + "/gated", timeout: .seconds(60)))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/plain")
        var text = ""
        for try await chunk in response.body {
            text += String(decoding: chunk, as: UTF8.self)
            flags.received.store(true, ordering: .releasing)
        }
        #expect(text == "first;rest;")
        let opened = flags.gateOpened.load(ordering: .acquiring)
        #expect(opened, "the first chunk reached the consumer before the server sent the rest")
        await server.stop()
    }

    @Test func largeStreamWithSmallBufferPausesAndResumes() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient(configuration: .init(streamBufferBytes: 64 * 1024))
        let response = try await client.stream(CurlRequest(url: server.baseURL + "/huge?bytes=8000000"))
        var total = 0
        for try await chunk in response.body {
            total += chunk.count
            if total < 1_000_000 { try await Task.sleep(for: .milliseconds(1)) }  // a slow consumer at first
        }
        #expect(total == 8_000_000)
        await server.stop()
    }

    @Test func streamSizeCapFailsMidBody() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let response = try await client.stream(CurlRequest(url: server.baseURL + "/huge-chunked?n=40", maxResponseBytes: 1_000_000))
        var total = 0
        let error = await #expect(throws: CurlError.self) {
            for try await chunk in response.body { total += chunk.count }
        }
        #expect(error?.code == .responseTooLarge)
        #expect(total <= 1_000_000)
        await server.stop()
    }

    @Test func truncatedChunkedBodyIsAnError() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let response = try await client.stream(CurlRequest(url: server.baseURL + "/truncated"))
        let error = await #expect(throws: CurlError.self) { _ = try await response.body.collect() }
        #expect(error?.code == .connectionLost)
        await server.stop()
    }

    @Test func cancellingTheConsumerStopsTheStream() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let start = ContinuousClock.now
        let task = Task {
            let response = try await client.stream(CurlRequest(url: server.baseURL + "/stream?n=150&ms=200", timeout: nil))
            var count = 0
            for try await _ in response.body { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(500))
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - start < .seconds(10))  // the stream would last 30 s
        if case .failure(let error as CurlError) = result { #expect(error.code == .cancelled) } else { Issue.record("expected cancelled, got \(result)") }
        await server.stop()
    }

    @Test func droppingTheBodyCancelsAndTheClientGoesOn() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        do {
            let response = try await client.stream(CurlRequest(url: server.baseURL + "/stream?n=150&ms=200", timeout: nil))
            var iterator = response.body.makeAsyncIterator()
            let first = try await iterator.next()
            #expect(first == Array("chunk0;".utf8))
        }
        let start = ContinuousClock.now
        #expect(try await client.get(server.baseURL + "/hello").text == "hello")
        #expect(ContinuousClock.now - start < .seconds(10))  // not stuck behind the 30 s stream
        await server.stop()
    }

    @Test func idleTimeoutStopsAStalledStream() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let response = try await client.stream(CurlRequest(url: server.baseURL + "/stream?n=3&ms=4000", timeout: nil, idleTimeout: .seconds(1)))
        let error = await #expect(throws: CurlError.self) { _ = try await response.body.collect() }
        #expect(error?.code == .timeout)
        await server.stop()
    }
}

@Suite struct CurlLifetimeAndProxyTests {
    @Test func streamOutlivesATemporaryClient() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let response = try await CurlClient().stream(CurlRequest(url: server.baseURL + "/stream?n=3&ms=100"))
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await response.body.collect() == Array("chunk0;chunk1;chunk2;".utf8))
        await server.stop()
    }

    @Test func explicitProxyIsUsed() async throws {
        let server = try TestHTTPServer(handler: { .text("target=\($0.target)") })
        let client = try CurlClient(configuration: .init(proxy: server.baseURL))
        let response = try await client.get("http://quiver-proxy-test.invalid/path?q=1")
        #expect(response.text == "target=http://quiver-proxy-test.invalid/path?q=1")
        await server.stop()
    }
}
