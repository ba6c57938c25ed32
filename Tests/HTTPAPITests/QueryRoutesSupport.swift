import Catalog
import HTTPAPI
import Orchestrator
import Sandbox
import Synchronization

/// A model that always writes the same plan (and answers "It is 21.5 degrees." when asked to phrase).
struct FixedPlanModel: ChatModel {
    var plan = "let w = weather(city: \"Paris\");\nreturn {\"temp_c\": w.temp_c};"
    var modelName: String { "fixed" }
    var acceptsGrammar: Bool { false }
    func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        ChatModelReply(content: request.purpose == "answer" ? "It is 21.5 degrees." : plan, promptTokens: 50, completionTokens: 10)
    }
}

struct OneToolSelector: ToolSelector {
    let weather: ToolDefinition
    func select(query: String, k: Int) async throws -> [SelectedTool] { [SelectedTool(definition: weather, score: 0.9)] }
    func tools(named names: [String]) -> [ToolDefinition] { names.contains("weather") ? [weather] : [] }
}

final class WeatherExecutor: ToolExecutor {
    let calls = Atomic<Int>(0)
    var callCount: Int { calls.load(ordering: .relaxed) }
    var tools: [ToolDescription] { [ToolDescription(name: "weather", parameters: [.init(name: "city", required: true)])] }
    func call(_ call: ToolCall) async throws -> Value {
        calls.add(1, ordering: .relaxed)
        return .object(["temp_c": .double(21.5)])
    }
}

func weatherTool() throws -> ToolDefinition {
    let schema = try JSONSchema.compile(try JSONParser.parse(
        #"{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"#))
    return ToolDefinition(name: "weather", description: "Current weather in a city.", parameters: schema, effect: .read,
                          binding: .builtin(function: "weather"))
}

/// Records finished runs as `kind:run_id`.
final class FinishedRuns: Sendable {
    let names = Mutex<[String]>([])
    var count: Int { names.withLock { $0.count } }
}

func queryService(model: any ChatModel = FixedPlanModel(), executor: WeatherExecutor = WeatherExecutor(),
                  finished: FinishedRuns? = nil) throws -> QueryService {
    let orchestrator = Orchestrator(model: model, selector: OneToolSelector(weather: try weatherTool()), executor: executor)
    return QueryService(orchestrator: orchestrator, onFinished: { kind, _, outcome, _ in
        finished?.names.withLock { $0.append("\(kind):\(outcome.runID)") }
    })
}

func queryServer(_ service: QueryService) -> APIServer {
    makeServer(groups: [QueryRoutes(service: service), ChatCompletionsRoutes(service: service)])
}
