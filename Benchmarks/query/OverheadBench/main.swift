// In-process pipeline overhead: an instant fake model (one fixed valid plan), the bundled catalog ranked
// by BM25, the checker, and an instant tool; 32 concurrent runs for a few seconds. Prints runs/s and the
// overhead_ms distribution (what Quiver adds besides the LLM, tools and search) and search_ms.
// Usage: OverheadBench CATALOG_DIR [seconds]
import Catalog
import Foundation
import Orchestrator
import Ranking
import Sandbox
import Synchronization

struct InstantModel: ChatModel {
    var modelName: String { "instant" }
    var acceptsGrammar: Bool { false }
    func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        ChatModelReply(content: "let p = math_multiply(a: 17, b: 23);\nreturn {\"product\": p};", promptTokens: 500, completionTokens: 20)
    }
}

struct MultiplyExecutor: ToolExecutor {
    let tools: [ToolDescription]
    func call(_ call: ToolCall) async throws -> Value {
        guard case .int(let a)? = call.arguments["a"], case .int(let b)? = call.arguments["b"] else { return .null }
        return .int(a &* b)
    }
}

let args = CommandLine.arguments
let catalog = try Catalog.load(directory: args.count > 1 ? args[1] : "catalog")
let seconds = args.count > 2 ? Int(args[2]) ?? 5 : 5
let index = try await ToolIndex.build(documents: catalog.tools.map(RankerToolSelector.document(for:)))
let orchestrator = Orchestrator(
    model: InstantModel(), selector: RankerToolSelector(ranker: ToolRanker(index: index), catalog: { catalog }),
    executor: MultiplyExecutor(tools: catalog.tools.map(\.sandboxDescription)))
let probe = await orchestrator.run(QueryRequest(query: "Multiply 17 by 23"))
print("one run: \(probe.json.serialized.prefix(400))")
let deadline = ContinuousClock.now + .seconds(seconds)
let samples = Mutex<[(overhead: Double, search: Double, total: Double)]>([])
let failures = Atomic<Int>(0)
await withTaskGroup(of: Void.self) { group in
    for worker in 0..<32 {
        group.addTask {
            var i = 0
            while ContinuousClock.now < deadline {
                // Distinct queries defeat the ranker's query cache, as real traffic would.
                let outcome = await orchestrator.run(QueryRequest(query: "Multiply 17 by 23 (\(worker)-\(i))"))
                i += 1
                if outcome.error != nil { failures.add(1, ordering: .relaxed) }
                samples.withLock { $0.append((outcome.usage.overheadMilliseconds, outcome.usage.searchMilliseconds, outcome.usage.totalMilliseconds)) }
            }
        }
    }
}
let all = samples.withLock { $0 }
func pct(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}
let overhead = all.map(\.overhead), search = all.map(\.search), total = all.map(\.total)
print("runs \(all.count) in \(seconds) s at 32 concurrent: \(all.count / max(1, seconds)) runs/s, failures \(failures.load(ordering: .relaxed))")
print(String(format: "overhead_ms p50 %.3f p90 %.3f p99 %.3f max %.3f", pct(overhead, 0.5), pct(overhead, 0.9), pct(overhead, 0.99), overhead.max() ?? 0))
print(String(format: "search_ms   p50 %.3f p99 %.3f;  total_ms p50 %.3f p99 %.3f", pct(search, 0.5), pct(search, 0.99), pct(total, 0.5), pct(total, 0.99)))
