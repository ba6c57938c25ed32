import Catalog
import Sandbox
import Synchronization
import TestKit
import Testing
import Tools

@Suite struct HTTPToolTests {
    @Test func requestIsBuiltFromTheBinding() async throws {
        let seen = Mutex<[TestHTTPRequest]>([])
        let server = try TestHTTPServer { request in
            seen.withLock { $0.append(request) }
            return .json(#"{"data": {"items": [1, 2, 3], "name": "ok"}}"#)
        }
        defer { Task { await server.stop() } }
        let tool = httpTool(
            "lookup", base: server.baseURL, path: "/items/{name}", method: "POST",
            extra: #", "query": {"q": "{name}", "fmt": "json", "key": {"secret": "TEST_KEY"}}, "headers": {"Authorization": {"secret": "TEST_TOKEN", "prefix": "Bearer "}}, "body": {"name": "{name}", "n": "{n}"}, "response": {"format": "json", "extract": "$.data"}"#,
            parameters: #"{"type": "object", "properties": {"name": {"type": "string"}, "n": {"type": "integer"}}, "required": ["name"]}"#)
        let ex = try executor(catalog(toolset(tool)), lookup: { ["TEST_KEY": "k&1", "TEST_TOKEN": "t0k"][$0] })
        let outcome = try await run(#"return lookup(name: "a b/c", n: 3);"#, ex)
        let value = try #require(outcome.value, "\(message(outcome))")
        #expect(value["name"].map { if case .string("ok") = $0 { true } else { false } } == true)
        let request = try #require(seen.withLock { $0.first })
        #expect(request.method == "POST")
        #expect(request.path == "/items/a%20b%2Fc")
        #expect(request.query == "q=a%20b%2Fc&fmt=json&key=k%261")
        #expect(request.header("Authorization") == "Bearer t0k")
        #expect(request.text == #"{"name":"a b/c","n":3}"#)
        #expect(request.header("Content-Type") == "application/json")
    }

    @Test func argumentsAreValidatedBeforeAnyCall() async throws {
        let calls = Atomic<Int>(0)
        let server = try TestHTTPServer { _ in
            calls.add(1, ordering: .relaxed)
            return .json("{}")
        }
        defer { Task { await server.stop() } }
        let tool = httpTool("t", base: server.baseURL, parameters: #"{"type": "object", "properties": {"n": {"type": "integer", "maximum": 5}}, "required": ["n"]}"#)
        let ex = try executor(catalog(toolset(tool)))
        let outcome = try await run("return t(n: 9);", ex)
        #expect(message(outcome).contains("$.n"))
        #expect(message(outcome).contains("maximum 5"))
        #expect(calls.load(ordering: .relaxed) == 0)
    }

    @Test func loopbackIsRefusedByDefault() async throws {
        let server = try TestHTTPServer { _ in .json("{}") }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL))), networks: [])
        let outcome = try await run("return t();", ex)
        #expect(message(outcome).contains("127.0.0.1"))
        #expect(message(outcome).contains("non-public"))
        #expect(server.requestCount == 0)
    }

    @Test func nameResolvingToLoopbackIsRefusedAtConnectTime() async throws {
        // "localhost" is on the allow-list, but the address it resolves to is not public: the check is on
        // the address actually connected to (what DNS rebinding would exploit), not on the name.
        let server = try TestHTTPServer { _ in .json("{}") }
        defer { Task { await server.stop() } }
        let base = "http://localhost:\(server.port)"
        let ex = try executor(catalog(toolset(httpTool("t", base: base))), networks: [], hosts: ["localhost"])
        let outcome = try await run("return t();", ex)
        #expect(message(outcome).contains("address policy"))
        #expect(server.requestCount == 0)
    }

    @Test func hostsOffTheAllowListAreRefused() async throws {
        let server = try TestHTTPServer { _ in .json("{}") }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL))), hosts: ["api.example.com"])
        let outcome = try await run("return t();", ex)
        #expect(message(outcome).contains("not on the allow-list"))
        #expect(message(outcome).contains("tools.allowed_hosts"))
    }

    @Test func redirectsToForbiddenHostsAreRefused() async throws {
        let server = try TestHTTPServer { request in
            request.path == "/x" ? .redirect(to: "http://internal.corp.example/secret") : .json(#"{"ok": true}"#)
        }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL))))
        let outcome = try await run("return t();", ex)
        #expect(message(outcome).contains("redirect"))
        #expect(message(outcome).contains("allow-list"))
        #expect(server.requestCount == 1)
    }

    @Test func redirectsToAllowedHostsAreFollowed() async throws {
        let server = try TestHTTPServer { request in
            request.path == "/x" ? .redirect(to: "/y") : .json(#"{"ok": true}"#)
        }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL))))
        let outcome = try await run("return t().ok;", ex)
        #expect(outcome.value.map { if case .bool(true) = $0 { true } else { false } } == true, "\(message(outcome))")
    }

    @Test func hugeBodiesHitResponseMaxBytes() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(body: .repeated(UInt8(ascii: "a"), count: 5_000_000)) }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL, policy: #"{"response_max_bytes": 65536}"#))))
        let outcome = try await run("return t();", ex)
        #expect(message(outcome).contains("response_max_bytes (65536 bytes)"))
    }

    @Test func slowResponsesHitTheToolTimeout() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 200, body: .bytes(Array("{}".utf8)), delay: .seconds(10)) }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL, policy: #"{"timeout_ms": 200}"#))))
        let start = ContinuousClock.now
        let outcome = try await run("return t();", ex)
        #expect(message(outcome).contains("timeout_ms"))
        #expect(message(outcome).contains("200"))
        #expect(ContinuousClock.now - start < .seconds(5))  // long before the server's 10 s answer
        #expect(outcome.trace.first?.status == .error)
    }

    @Test func serverErrorsAreReportedWithStatus() async throws {
        let server = try TestHTTPServer { _ in .text("upstream broke", status: 503) }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL))))
        let outcome = try await run("return t();", ex)
        #expect(message(outcome).contains("HTTP status 503"))
        #expect(message(outcome).contains("upstream broke"))
    }

    @Test func parallelCallsOverlap() async throws {
        let arrivals = Arrivals()
        let server = try TestHTTPServer { _ in
            arrivals.record()
            return TestHTTPResponse(status: 200, body: .bytes(Array(#"{"v": 1}"#.utf8)), delay: .milliseconds(300))
        }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL))))
        let outcome = try await run(
            #"let a = t(q: "a"); let b = t(q: "b"); let c = t(q: "c"); let d = t(q: "d"); return a.v + b.v + c.v + d.v;"#, ex)
        #expect(outcome.value.map { if case .double(4) = $0 { true } else { false } } == true, "\(message(outcome))")
        // The server holds each answer 300 ms, so a request that arrived less than 300 ms after the first
        // arrived while the first was still in flight: all four overlapped iff they arrived within the
        // server's own delay (exactly, not with a margin). Calls made one after another arrive >= 300 ms apart.
        #expect(arrivals.maxOverlap(busy: .milliseconds(300)) == 4)
        #expect(outcome.trace.count == 4)
    }
}
