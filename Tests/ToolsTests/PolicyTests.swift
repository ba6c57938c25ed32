import Catalog
import Sandbox
import Synchronization
import TestKit
import Testing
import Tools

@Suite struct PolicyTests {
    static func fastRetries() -> ToolExecutorSettings {
        var s = ToolExecutorSettings()
        s.retryBaseDelayMilliseconds = 5
        s.retryMaxDelayMilliseconds = 20
        return s
    }

    @Test func readToolsRetryTransientFailures() async throws {
        let server = try TestHTTPServer { _ in .text("busy", status: 503) }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("r", base: server.baseURL, policy: #"{"retries": 2}"#))), settings: Self.fastRetries())
        let outcome = try await run("return r();", ex)
        #expect(message(outcome).contains("after 3 attempts, retries 2"))
        #expect(server.requestCount == 3)
    }

    @Test func retriesStopAtTheFirstSuccess() async throws {
        let n = Atomic<Int>(0)
        let server = try TestHTTPServer { _ in
            n.add(1, ordering: .relaxed).oldValue < 1 ? .text("busy", status: 502) : .json(#"{"ok": true}"#)
        }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("r", base: server.baseURL, policy: #"{"retries": 3}"#))), settings: Self.fastRetries())
        let outcome = try await run("return r().ok;", ex)
        #expect(outcome.value.map { if case .bool(true) = $0 { true } else { false } } == true, "\(message(outcome))")
        #expect(server.requestCount == 2)
    }

    @Test func writeToolsNeverRetry() async throws {
        let server = try TestHTTPServer { _ in .text("busy", status: 503) }
        defer { Task { await server.stop() } }
        var settings = Self.fastRetries()
        settings.retries = 3  // the executor default applies to reads only
        let ex = try executor(catalog(toolset(httpTool("w", base: server.baseURL, effect: "write", method: "POST"))), settings: settings)
        let outcome = try await run("return w();", ex)
        #expect(message(outcome).contains("HTTP status 503"))
        #expect(server.requestCount == 1)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let server = try TestHTTPServer { _ in .text("no such thing", status: 404) }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("r", base: server.baseURL, policy: #"{"retries": 3}"#))), settings: Self.fastRetries())
        _ = try await run("return r();", ex)
        #expect(server.requestCount == 1)
    }

    @Test func breakerOpensFailsFastAndClosesAfterCooldown() async throws {
        let healthy = Atomic<Bool>(false)
        let server = try TestHTTPServer { _ in healthy.load(ordering: .relaxed) ? .json(#"{"ok": true}"#) : .text("down", status: 500) }
        defer { Task { await server.stop() } }
        var settings = ToolExecutorSettings()
        settings.breakerFailureThreshold = 2
        // The fail-fast check below needs the third call to come within the cooldown of the second failure.
        // Two back-to-back calls are milliseconds apart, but a loaded machine once stretched them past a
        // 300 ms cooldown; 2 s keeps the premise true under load, and the sleep below passes it by 10%.
        settings.breakerCooldownMilliseconds = 2_000
        let observer = RecordingObserver()
        let ex = try executor(catalog(toolset(httpTool("b", base: server.baseURL))), settings: settings, observer: observer)
        _ = try await run("return b();", ex)
        _ = try await run("return b();", ex)
        #expect(observer.all.contains("b:circuit:open"))
        let fast = try await run("return b();", ex)
        #expect(message(fast).contains("circuit breaker open"))
        #expect(message(fast).contains("breaker_failure_threshold 2"))
        #expect(server.requestCount == 2)  // the third call never reached the server

        try await Task.sleep(for: .milliseconds(2_200))
        healthy.store(true, ordering: .relaxed)
        let probe = try await run("return b().ok;", ex)
        #expect(probe.value != nil, "\(message(probe))")
        #expect(observer.all.last(where: { $0.contains("circuit") }) == "b:circuit:closed")
        let after = try await run("return b().ok;", ex)
        #expect(after.value != nil)
        #expect(server.requestCount == 4)
    }

    @Test func halfOpenProbeFailureReopens() async throws {
        let server = try TestHTTPServer { _ in .text("down", status: 500) }
        defer { Task { await server.stop() } }
        var settings = ToolExecutorSettings()
        settings.breakerFailureThreshold = 1
        settings.breakerCooldownMilliseconds = 1_000
        let ex = try executor(catalog(toolset(httpTool("b", base: server.baseURL))), settings: settings)
        _ = try await run("return b();", ex)
        try await Task.sleep(for: .milliseconds(1_100))
        _ = try await run("return b();", ex)  // the probe fails
        let fast = try await run("return b();", ex)
        #expect(message(fast).contains("circuit breaker open"))
        #expect(server.requestCount == 2)
    }

    @Test func concurrencyLimitHolds() async throws {
        let arrivals = Arrivals()
        let server = try TestHTTPServer { _ in
            arrivals.record()
            return TestHTTPResponse(status: 200, body: .bytes(Array(#"{"v": 1}"#.utf8)), delay: .milliseconds(200))
        }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("c", base: server.baseURL, policy: #"{"max_concurrency": 2}"#))))
        let outcome = try await run("return [1, 2, 3, 4, 5, 6].map(i, c(q: string(i)).v);", ex)
        #expect(outcome.value != nil, "\(message(outcome))")
        #expect(arrivals.count == 6)
        // Each answer is held 200 ms, so requests overlapped iff they arrived within 200 ms of each other
        // (the server's own delay, not a margin): exactly two at a time means the limit held and was used.
        #expect(arrivals.maxOverlap(busy: .milliseconds(200)) == 2)
    }

    @Test func waitingForASlotCountsAgainstTheTimeout() async throws {
        // One slot, three calls, each slower than the timeout: the third cannot get the slot before its deadline.
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 200, body: .bytes(Array("{}".utf8)), delay: .seconds(2)) }
        defer { Task { await server.stop() } }
        let ex = try executor(catalog(toolset(httpTool("c", base: server.baseURL, policy: #"{"max_concurrency": 1, "timeout_ms": 300}"#))))
        let outcome = try await run(#"let a = c(q: "a"); let b = c(q: "b"); let d = c(q: "d"); return [a, b, d];"#, ex)
        #expect(outcome.value == nil)
        let errors = outcome.trace.compactMap(\.error)
        #expect(errors.count == 3)
        #expect(errors.contains { $0.contains("max_concurrency (1) slots") }, "\(errors)")
        #expect(server.requestCount <= 2)
    }

    @Test func resultSizeIsLimited() async throws {
        let big = "[" + Array(repeating: #""xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#, count: 2_000).joined(separator: ",") + "]"
        let server = try TestHTTPServer { _ in .json(big) }
        defer { Task { await server.stop() } }
        var settings = ToolExecutorSettings()
        settings.resultMaxBytes = 10_000
        let ex = try executor(catalog(toolset(httpTool("t", base: server.baseURL))), settings: settings)
        let outcome = try await run("return t();", ex)
        #expect(message(outcome).contains("result_max_bytes (10000)"))
    }

    @Test func backoffGrowsAndIsCapped() throws {
        var settings = ToolExecutorSettings()
        settings.retryBaseDelayMilliseconds = 100
        settings.retryMaxDelayMilliseconds = 1_000
        let ex = try executor(catalog(toolset()), settings: settings)
        for _ in 0..<20 {
            #expect((50...100).contains(ex.backoffDelay(attempt: 1)))
            #expect((200...400).contains(ex.backoffDelay(attempt: 3)))
            #expect((500...1_000).contains(ex.backoffDelay(attempt: 30)))
        }
    }
}
