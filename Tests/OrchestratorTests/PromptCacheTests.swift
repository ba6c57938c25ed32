import Catalog
import Synchronization
import Testing

@testable import Orchestrator

@Suite struct PromptCacheTests {
    @Test func aToolIsRenderedOncePerInstance() throws {
        let cache = RenderedTools(capacity: 8)
        let calls = Mutex(0)
        let render: (ToolDefinition) -> String = { tool in
            calls.withLock { $0 += 1 }
            return PromptBuilder.renderUncached(tool)
        }
        let weather = try tool("weather", "Current weather for a city.", parameters: #"{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"#)
        let first = cache.text(for: weather, render: render)
        let second = cache.text(for: weather, render: render)
        #expect(first == second)
        #expect(first == PromptBuilder.renderUncached(weather))
        #expect(calls.withLock { $0 } == 1)
        // Another instance with the same name (a reload) is rendered again: its definition may differ.
        let reloaded = try tool("weather", "Weather now and tomorrow.", parameters: #"{"type":"object","properties":{"city":{"type":"string"}}}"#)
        #expect(cache.text(for: reloaded, render: render).contains("tomorrow"))
        #expect(calls.withLock { $0 } == 2)
    }

    @Test func theCacheStaysWithinItsCapacity() throws {
        let cache = RenderedTools(capacity: 3)
        var tools: [ToolDefinition] = []
        for i in 0..<10 {
            tools.append(try tool("t\(i)", "Tool \(i).", parameters: #"{"type":"object","properties":{}}"#))
        }
        for t in tools { _ = cache.text(for: t, render: PromptBuilder.renderUncached) }
        #expect(cache.count <= 3)
        #expect(cache.count >= 1)
    }

    @Test func oneLineCollapsesWhitespaceAndCutsAtTheLimit() {
        #expect(PromptBuilder.oneLine("a  b\n\tc", limit: 100) == "a b c")
        #expect(PromptBuilder.oneLine(String(repeating: "x", count: 50), limit: 10) == String(repeating: "x", count: 10) + "…")
        #expect(PromptBuilder.oneLine("héllo wörld", limit: 5) == "héllo…")
    }
}
