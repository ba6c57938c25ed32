import Catalog
import Foundation
import Sandbox
import TestKit
import Testing
import Tools

/// `CatalogToolExecutor.reloaded(catalog:)`: the executor a catalog reload installs.
@Suite struct ExecutorReloadTests {
    @Test func reloadAddsChangesAndRemovesTools() async throws {
        let ex = try executor(catalog(toolset(#"{"name": "plus", "description": "adds", "parameters": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}, "required": ["a", "b"]}, "effect": "read", "binding": {"type": "builtin", "function": "math_add"}}"#)))
        #expect(ex.tools.map(\.name) == ["plus"])
        let sum = try await run("return plus(a: 1, b: 2);", ex)
        #expect(sum.value.map { if case .double(3) = $0 { true } else { false } } == true, "\(message(sum))")

        // `plus` now multiplies (same name, new binding) and `minus` is new.
        let next = try ex.reloaded(catalog: catalog(toolset(
            #"{"name": "plus", "description": "now multiplies", "parameters": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}, "required": ["a", "b"]}, "effect": "read", "binding": {"type": "builtin", "function": "math_multiply"}}"#,
            #"{"name": "minus", "description": "subtracts", "parameters": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}, "required": ["a", "b"]}, "effect": "read", "binding": {"type": "builtin", "function": "math_subtract"}}"#)))
        let changed = try await run("return [plus(a: 2, b: 5), minus(a: 2, b: 5)];", next)
        guard case .list(let pair) = try #require(changed.value, "\(message(changed))") else { Issue.record("not a list"); return }
        #expect(pair.map { if case .double(let d) = $0 { d } else { .nan } } == [10, -3])
        // The old executor is untouched: a run holding it finishes on it.
        let old = try await run("return plus(a: 2, b: 5);", ex)
        #expect(old.value.map { if case .double(7) = $0 { true } else { false } } == true)

        let removed = try next.reloaded(catalog: catalog(toolset(#"{"name": "minus", "description": "subtracts", "parameters": {"type": "object"}, "effect": "read", "binding": {"type": "builtin", "function": "math_subtract"}}"#)))
        #expect(removed.tools.map(\.name) == ["minus"])
        let report = try Plan.parse(source: "return plus(a: 1, b: 2);").check(tools: removed.tools)
        #expect(report.errors.contains { $0.message.contains("plus") })
    }

    @Test func anOpenBreakerSurvivesAReloadThatLeavesTheToolUnchanged() async throws {
        let server = try TestHTTPServer { _ in .text("down", status: 503) }
        defer { Task { await server.stop() } }
        var settings = ToolExecutorSettings()
        settings.breakerFailureThreshold = 1
        settings.breakerCooldownMilliseconds = 60_000
        let tool = httpTool("b", base: server.baseURL)
        let ex = try executor(catalog(toolset(tool)), settings: settings)
        _ = try await run("return b();", ex)
        #expect(server.requestCount == 1)

        // Same tool (another tool added): the breaker is still open and the call fails fast.
        let same = try ex.reloaded(catalog: catalog(toolset(tool, httpTool("other", base: server.baseURL))))
        let fast = try await run("return b();", same)
        #expect(message(fast).contains("circuit breaker open"), "\(message(fast))")
        #expect(server.requestCount == 1)

        // A changed policy makes it a new tool: a fresh, closed breaker.
        let changed = try same.reloaded(catalog: catalog(toolset(httpTool("b", base: server.baseURL, policy: #"{"timeout_ms": 5000}"#))))
        let through = try await run("return b();", changed)
        #expect(message(through).contains("HTTP status 503"), "\(message(through))")
        #expect(server.requestCount == 2)
    }
}
