// Plan success rate of a real model, grammar off vs on, measured in-process (no server needed):
// the bundled catalog ranked by BM25, the pipeline's prompt, checker and repair loop; tools are not
// run (a plan counts as valid once it parses and checks). Usage: PlanSuccess CATALOG_DIR [BASE_URL] [N]
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

struct PlanOnlyModel: ChatModel {
    let inner: LLMChatModel
    var modelName: String { inner.modelName }
    var acceptsGrammar: Bool { inner.acceptsGrammar }
    func complete(_ request: ChatModelRequest) async throws -> ChatModelReply { try await inner.complete(request) }
}

let queries = [
    "What is 17 times 23?", "Convert 10 kilometers to miles.", "What is the mean of 3, 5 and 10?",
    "Make the text 'hello world' upper case.", "Add 1234 and 4321.", "What is 2 to the power of 10?",
    "Round 3.14159 to 2 decimal places.", "Divide 100 by 8.",
]
let args = CommandLine.arguments
let catalog = try Catalog.load(directory: args.count > 1 ? args[1] : "catalog")
let base = args.count > 2 ? args[2] : "http://127.0.0.1:8089/v1"
let n = args.count > 3 ? Int(args[3]) ?? queries.count : queries.count
let index = try await ToolIndex.build(documents: catalog.tools.map(RankerToolSelector.document(for:)))
let selector = RankerToolSelector(ranker: ToolRanker(index: index), catalog: { catalog })
let client = try LLMClient(configuration: LLMConfiguration(baseURL: base, model: "smollm2", requestTimeout: .seconds(300)))
for grammar in [OrchestratorSettings.GrammarMode.off, .on] {
    var settings = OrchestratorSettings()
    settings.grammar = grammar
    settings.k = 4
    settings.maxRepairs = Int(ProcessInfo.processInfo.environment["PLAN_REPAIRS"] ?? "1") ?? 1
    settings.maxPlanTokens = Int(ProcessInfo.processInfo.environment["PLAN_TOKENS"] ?? "96") ?? 96
    let orchestrator = Orchestrator(
        model: LLMChatModel(client: client, acceptsGrammar: true), selector: selector,
        executor: NullExecutor(tools: catalog.tools.map(\.sandboxDescription)), settings: settings)
    var valid = 0, firstTry = 0, repairs = 0, llmMs = 0.0
    for query in queries.prefix(n) {
        let outcome = await orchestrator.run(QueryRequest(query: query))
        let ok = outcome.events.contains { $0.kind == .plan }
        if ok { valid += 1 }
        if ok && outcome.repairs == 0 { firstTry += 1 }
        repairs += outcome.repairs
        llmMs += outcome.usage.llmMilliseconds
        print("  [\(grammar)] \(ok ? "valid" : "invalid") repairs=\(outcome.repairs) \(query) -> \((outcome.plan ?? "").replacingOccurrences(of: "\n", with: " ").prefix(120))")
    }
    print("grammar \(grammar): valid plans \(valid)/\(min(n, queries.count)), first try \(firstTry), repairs \(repairs), llm \(Int(llmMs)) ms")
}
