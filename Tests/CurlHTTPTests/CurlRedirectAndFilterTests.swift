import CurlHTTP
import Synchronization
import Testing
import TestKit

@Suite struct CurlRedirectAndFilterTests {
    @Test func redirectsAreReturnedUnlessAsked() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let plain = try await client.get(server.baseURL + "/redirect")
        #expect(plain.status == 302)
        #expect(plain.head.redirectURL == server.baseURL + "/hello")
        let seen = Mutex<[String]>([])
        let policy = CurlRedirectPolicy(maxRedirects: 3) { redirect in
            seen.withLock { $0.append(redirect.to) }
            return true
        }
        let followed = try await client.execute(CurlRequest(url: server.baseURL + "/redirect", redirects: policy))
        #expect(followed.status == 200)
        #expect(followed.text == "hello")
        #expect(seen.withLock { $0 } == [server.baseURL + "/hello"])
        await server.stop()
    }

    @Test func redirectValidatorCanRefuse() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let policy = CurlRedirectPolicy(maxRedirects: 3) { _ in false }
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.execute(CurlRequest(url: server.baseURL + "/redirect", redirects: policy))
        }
        #expect(error?.code == .redirectRejected)
        #expect(server.requestCount == 1)
        await server.stop()
    }

    @Test func redirectLoopHitsTheLimit() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.execute(CurlRequest(url: server.baseURL + "/loop", redirects: CurlRedirectPolicy(maxRedirects: 4)))
        }
        #expect(error?.code == .tooManyRedirects)
        #expect(error?.message.contains("4") == true)
        #expect(server.requestCount == 5)
        await server.stop()
    }

    @Test func postRedirectMethodRules() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let post = { (status: Int) in
            CurlRequest(method: "POST", url: server.baseURL + "/redirect-post?status=\(status)", body: Array("data".utf8), redirects: CurlRedirectPolicy())
        }
        #expect(try await client.execute(post(302)).text == "GET|-|-|")
        #expect(try await client.execute(post(303)).text == "GET|-|-|")
        #expect(try await client.execute(post(307)).text == "POST|-|-|data")
        await server.stop()
    }

    @Test func connectionFilterRefusesAddresses() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let asked = Mutex<[String]>([])
        let blocked = try CurlClient(configuration: .init(connectionFilter: { ip in
            asked.withLock { $0.append(ip) }
            return ip != "127.0.0.1"
        }))
        let error = await #expect(throws: CurlError.self) { _ = try await blocked.get(server.baseURL + "/hello") }
        #expect(error?.code == .addressRejected)
        #expect(error?.message.contains("127.0.0.1") == true)
        #expect(asked.withLock { $0 }.contains("127.0.0.1"))
        #expect(server.acceptedConnections == 0)
        let allowed = try CurlClient(configuration: .init(connectionFilter: { _ in true }))
        #expect(try await allowed.get(server.baseURL + "/hello").text == "hello")
        await server.stop()
    }

    @Test func shutdownFailsLaterRequests() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        client.shutdown()
        try await Task.sleep(for: .milliseconds(50))
        let error = await #expect(throws: CurlError.self) { _ = try await client.get(server.baseURL + "/hello") }
        #expect(error?.code == .cancelled)
        await server.stop()
    }
}

@Suite struct CurlStreamingRedirectTests {
    @Test func streamFollowsRedirectWhenAsked() async throws {
        let server = try TestHTTPServer(handler: testRoutes)
        let client = try CurlClient()
        let unfollowed = try await client.stream(CurlRequest(url: server.baseURL + "/redirect"))
        #expect(unfollowed.status == 302)
        #expect(unfollowed.head.redirectURL == server.baseURL + "/hello")
        let response = try await client.stream(CurlRequest(url: server.baseURL + "/redirect", redirects: CurlRedirectPolicy()))
        #expect(response.status == 200)
        #expect(try await response.body.collect() == Array("hello".utf8))
        await server.stop()
    }
}

@Suite struct CurlRedirectCredentialTests {
    @Test func authorizationIsDroppedWhenTheOriginChanges() async throws {
        let server = try TestHTTPServer(handler: { request in
            switch request.path {
            case "/same": .redirect(to: "/auth")
            case "/cross": .redirect(to: "http://localhost:\(request.header("X-Port") ?? "0")/auth")
            default: .text("auth=\(request.header("Authorization") ?? "none")")
            }
        })
        let client = try CurlClient()
        let headers: [(name: String, value: String)] = [("Authorization", "Bearer secret"), ("X-Port", String(server.port))]
        let same = try await client.execute(CurlRequest(url: server.baseURL + "/same", headers: headers, redirects: CurlRedirectPolicy()))
        #expect(same.text == "auth=Bearer secret")
        let cross = try await client.execute(CurlRequest(url: server.baseURL + "/cross", headers: headers, redirects: CurlRedirectPolicy()))
        #expect(cross.text == "auth=none")
        await server.stop()
    }
}
