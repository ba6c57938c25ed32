// Plan success rate of a real model per constraint mode (none, grammar, json_schema), measured in-process
// (no server needed; Benchmarks/query/plan_success.sh measures the same through `quiver serve`): the bundled
// catalog ranked by BM25, the pipeline's prompt, checker and repair loop; tools are not run (a plan counts as
// valid once it parses and checks). Queries from Benchmarks/query/queries.json.
// Usage: PlanSuccess [CATALOG_DIR] [BASE_URL] [N]   (PLAN_REPAIRS, PLAN_TOKENS, PLAN_MODES="none grammar json_schema")
import Catalog
import Foundation
import LLMClient
import Orchestrator
import OrchestratorLLM
import Ranking
import Sandbox

struct NullExecutor: ToolExecutor {
    let tools: [ToolDescription]
    func call(_ call: ToolCall) async throws -> Value { .null }
}


let args = CommandLine.arguments
let catalogDirectory = args.count > 1 ? args[1] : "catalog"
let base = args.count > 2 ? args[2] : "http://127.0.0.1:8089/v1"
let environment = ProcessInfo.processInfo.environment
let queriesURL = URL(fileURLWithPath: catalogDirectory).deletingLastPathComponent().appendingPathComponent("Benchmarks/query/queries.json")
struct QueryFile: Decodable { var queries: [RawItem] }
struct RawItem: Decodable { var query: String }
let queries = try JSONDecoder().decode(QueryFile.self, from: Data(contentsOf: queriesURL)).queries.map(\.query)
let n = args.count > 3 ? Int(args[3]) ?? queries.count : queries.count
let catalog = try Catalog.load(directory: catalogDirectory)
let index = try await ToolIndex.build(documents: catalog.tools.map(RankerToolSelector.document(for:)))
let selector = RankerToolSelector(ranker: ToolRanker(index: index), catalog: { catalog })
let client = try LLMClient(configuration: LLMConfiguration(baseURL: base, model: environment["LLM_MODEL"] ?? "smollm2", requestTimeout: .seconds(600)))
let modes = (environment["PLAN_MODES"] ?? "none grammar json_schema").split(separator: " ").compactMap {
    OrchestratorSettings.ConstraintMode(rawValue: String($0))
}
for mode in modes {
    var settings = OrchestratorSettings()
    settings.constraint = mode
    settings.k = 4
    settings.maxRepairs = Int(environment["PLAN_REPAIRS"] ?? "2") ?? 2
    settings.maxPlanTokens = Int(environment["PLAN_TOKENS"] ?? "160") ?? 160
    let orchestrator = Orchestrator(
        model: LLMChatModel(client: client, acceptsGrammar: true, jsonSchemaStyle: .llamaCpp), selector: selector,
        executor: NullExecutor(tools: catalog.tools.map(\.sandboxDescription)), settings: settings)
    var valid = 0, firstTry = 0, repairs = 0, llmMs = 0.0
    for query in queries.prefix(n) {
        let outcome = await orchestrator.run(QueryRequest(query: query))
        let ok = outcome.events.contains { $0.kind == .plan }
        if ok { valid += 1 }
        if ok && outcome.repairs == 0 { firstTry += 1 }
        repairs += outcome.repairs
        llmMs += outcome.usage.llmMilliseconds
        print("  [\(mode)] \(ok ? "valid" : "invalid") repairs=\(outcome.repairs) \(query) -> \((outcome.plan ?? "").replacingOccurrences(of: "\n", with: " ").prefix(120))")
    }
    print("\(mode): valid plans \(valid)/\(min(n, queries.count)), first try \(firstTry), repairs \(repairs), llm \(Int(llmMs)) ms")
}
