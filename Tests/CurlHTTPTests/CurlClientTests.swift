import CurlHTTP
import Synchronization
import Testing
import TestKit

@Suite struct CurlClientTests {
    @Test func getReturnsStatusHeadersBodyAndPeerAddress() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let response = try await client.get(server.baseURL + "/hello")
        #expect(response.status == 200)
        #expect(response.text == "hello")
        #expect(response.headers["content-type"] == "text/plain")
        #expect(response.remoteIP == "127.0.0.1")
        await server.stop()
    }

    @Test func postSendsBodyAndHeaders() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let request = CurlRequest(method: "POST", url: server.baseURL + "/echo",
                                  headers: [("X-Test", "yes"), ("Content-Type", "application/json")], text: #"{"a":1}"#)
        let response = try await client.execute(request)
        #expect(response.text == #"POST|yes|application/json|{"a":1}"#)
        let put = try await client.execute(CurlRequest(method: "PUT", url: server.baseURL + "/echo", text: "x\u{0}y"))
        #expect(put.body == Array("PUT|-|-|x\u{0}y".utf8))
        await server.stop()
    }

    @Test func totalTimeoutFires() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let start = ContinuousClock.now
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.execute(CurlRequest(url: server.baseURL + "/slow?ms=30000", timeout: .milliseconds(300)))
        }
        #expect(error?.code == .timeout)
        // Far below the 30 s the server would take; loose enough for a loaded 2-core machine.
        #expect(ContinuousClock.now - start < .seconds(10))
        await server.stop()
    }

    @Test func connectFailureToClosedPort() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let url = server.baseURL + "/hello"
        await server.stop()  // the port is now closed
        let client = try CurlClient()
        let error = await #expect(throws: CurlError.self) { _ = try await client.get(url) }
        #expect(error?.code == .connectFailed)
    }

    @Test func responseSizeCapWithContentLengthAndChunked() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let declared = await #expect(throws: CurlError.self) {
            _ = try await client.execute(CurlRequest(url: server.baseURL + "/huge?bytes=2000000", maxResponseBytes: 1_000_000))
        }
        #expect(declared?.code == .responseTooLarge)
        #expect(declared?.message.contains("1000000") == true)
        let chunked = await #expect(throws: CurlError.self) {
            _ = try await client.execute(CurlRequest(url: server.baseURL + "/huge-chunked?n=32", maxResponseBytes: 1_000_000))
        }
        #expect(chunked?.code == .responseTooLarge)
        let exact = try await client.execute(CurlRequest(url: server.baseURL + "/huge?bytes=1000000", maxResponseBytes: 1_000_000))
        #expect(exact.body.count == 1_000_000)
        await server.stop()
    }

    @Test func cancellationStopsSlowRequestPromptly() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let start = ContinuousClock.now
        let task = Task { try await client.execute(CurlRequest(url: server.baseURL + "/slow?ms=30000")) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(throws: CurlError.self) { try result.get() }
        if case .failure(let error as CurlError) = result { #expect(error.code == .cancelled) }
        // The client still works afterwards.
        #expect(try await client.get(server.baseURL + "/hello").text == "hello")
        await server.stop()
    }

    @Test func alreadyCancelledTaskDoesNotSend() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.get(server.baseURL + "/hello")
        }
        let result = await task.result
        if case .failure(let error as CurlError) = result { #expect(error.code == .cancelled) } else { Issue.record("expected cancelled") }
        #expect(server.requestCount == 0)
        await server.stop()
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        for i in 0..<10 {
            let response = try await client.get(server.baseURL + "/hello?i=\(i)")
            #expect(response.text == "hello")
        }
        #expect(server.acceptedConnections == 1)
        #expect(server.requestCount == 10)
        await server.stop()
    }

    @Test func twentyParallelRequests() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<20 {
                group.addTask {
                    let response = try await client.execute(CurlRequest(method: "POST", url: server.baseURL + "/echo", text: "n\(i)"))
                    return response.text
                }
            }
            var all: [String] = []
            for try await body in group { all.append(body) }
            return all
        }
        #expect(Set(bodies) == Set((0..<20).map { "POST|-|-|n\($0)" }))
        #expect(server.acceptedConnections <= 20)
        await server.stop()
    }

    @Test func nonSuccessStatusIsReturnedOrThrownOnRequest() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let plain = try await client.get(server.baseURL + "/status?code=503")
        #expect(plain.status == 503)
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.execute(CurlRequest(url: server.baseURL + "/status?code=500", failOnHTTPError: true))
        }
        #expect(error?.code == .httpStatus)
        #expect(error?.status == 500)
        #expect(error?.bodyText == "boom 500")
        await server.stop()
    }

    @Test func serverClosingWithoutAnswerIsConnectionLost() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let error = await #expect(throws: CurlError.self) { _ = try await client.get(server.baseURL + "/drop") }
        #expect(error?.code == .connectionLost)
        await server.stop()
    }

    @Test func invalidURLAndSchemeAreRejected() async throws {
        let client = try CurlClient()
        let scheme = await #expect(throws: CurlError.self) { _ = try await client.get("file:///etc/passwd") }
        #expect(scheme?.code == .invalidRequest)
        let header = await #expect(throws: CurlError.self) {
            _ = try await client.execute(CurlRequest(url: "http://127.0.0.1:1/", headers: [("X-Bad", "a\r\nInjected: 1")]))
        }
        #expect(header?.code == .invalidRequest)
    }
}

@Suite struct CurlClientMethodTests {
    @Test func headDeleteAndAcceptEncoding() async throws {
        let server = try TestHTTPServer(handler: { request in
            .text("\(request.method) \(request.header("Accept-Encoding") ?? "none") \(request.body.count)")
        })
        let client = try CurlClient()
        let head = try await client.execute(CurlRequest(method: "HEAD", url: server.baseURL + "/x"))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] != nil)
        let delete = try await client.execute(CurlRequest(method: "DELETE", url: server.baseURL + "/x"))
        #expect(delete.text.hasPrefix("DELETE "))
        #expect(delete.text.contains("gzip"))
        let plain = try await client.execute(CurlRequest(url: server.baseURL + "/x", decompress: false))
        #expect(plain.text == "GET none 0")
        await server.stop()
        #expect(server.runningThreads == 0)
    }

    @Test func perHostConnectionLimitQueuesRequests() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient(configuration: .init(maxConnectionsPerHost: 1))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<5 {
                group.addTask { try await client.execute(CurlRequest(url: server.baseURL + "/slow?ms=50")).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(server.acceptedConnections == 1)
        #expect(server.requestCount == 5)
        await server.stop()
    }
}
