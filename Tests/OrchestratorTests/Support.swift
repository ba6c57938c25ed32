import Catalog
import LLMClient
import Orchestrator
import OrchestratorLLM
import Sandbox
import Synchronization
import TestKit

/// A tool definition from the parameter schema's JSON text.
func tool(_ name: String, _ description: String, parameters: String, result: String? = nil) throws -> ToolDefinition {
    let schema = try JSONSchema.compile(try JSONParser.parse(parameters))
    let resultSchema = try result.map { try JSONSchema.compile(try JSONParser.parse($0)) }
    return ToolDefinition(name: name, description: description, parameters: schema, result: resultSchema, effect: .read,
                          binding: .builtin(function: name))
}

func testTools() throws -> [ToolDefinition] {
    [
        try tool("add", "Adds two numbers.",
                 parameters: #"{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"],"additionalProperties":false}"#,
                 result: #"{"type":"object","properties":{"sum":{"type":"number"}}}"#),
        try tool("weather", "Current weather in a city.",
                 parameters: #"{"type":"object","properties":{"city":{"type":"string","description":"City name."}},"required":["city"],"additionalProperties":false}"#,
                 result: #"{"type":"object","properties":{"temp_c":{"type":"number"}}}"#),
    ]
}

/// Offers a fixed list of tools.
struct FixedSelector: ToolSelector {
    let all: [ToolDefinition]
    func select(query: String, k: Int) async throws -> [SelectedTool] {
        all.prefix(k).enumerated().map { SelectedTool(definition: $1, score: 1 - Double($0) * 0.1) }
    }
    func tools(named names: [String]) -> [ToolDefinition] { all.filter { names.contains($0.name) } }
}

/// `add` sums, `weather` answers 21.5 (Paris) or 18 (elsewhere); counts calls.
final class FakeExecutor: ToolExecutor {
    let calls = Atomic<Int>(0)
    var callCount: Int { calls.load(ordering: .relaxed) }
    let tools: [ToolDescription]

    init(_ definitions: [ToolDefinition]) { tools = definitions.map(\.sandboxDescription) }

    func call(_ call: ToolCall) async throws -> Value {
        calls.add(1, ordering: .relaxed)
        switch call.tool {
        case "add":
            guard case .double(let a)? = call.arguments["a"].flatMap(FakeExecutor.number),
                  case .double(let b)? = call.arguments["b"].flatMap(FakeExecutor.number) else { throw ToolFailure("a and b must be numbers") }
            return .object(["sum": .double(a + b)])
        case "weather":
            guard case .string(let city)? = call.arguments["city"] else { throw ToolFailure("city must be a string") }
            return .object(["temp_c": .double(city == "Paris" ? 21.5 : 18)])
        default:
            throw ToolFailure("no tool \(call.tool)")
        }
    }

    static func number(_ value: Value) -> Value? {
        switch value {
        case .int(let i): .double(Double(i))
        case .double: value
        default: nil
        }
    }
}

/// Replies from a script, in order; records the requests.
final class ScriptedModel: ChatModel {
    let replies: Mutex<[String]>
    let seen = Mutex<[ChatModelRequest]>([])
    let acceptsGrammar: Bool
    var modelName: String { "scripted" }

    init(_ replies: [String], acceptsGrammar: Bool = false) {
        self.replies = Mutex(replies)
        self.acceptsGrammar = acceptsGrammar
    }

    func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        seen.withLock { $0.append(request) }
        let next = replies.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        guard let next else { throw ToolFailure("script exhausted") }
        return ChatModelReply(content: next, promptTokens: 100, completionTokens: 20)
    }

    var requests: [ChatModelRequest] { seen.withLock { $0 } }
}

/// Collects events.
final class EventLog: EventSink {
    let events = Mutex<[PipelineEvent]>([])
    func emit(_ event: PipelineEvent) { events.withLock { $0.append(event) } }
    var kinds: [String] { events.withLock { $0.map(\.kind.rawValue) } }
}

func makeOrchestrator(
    model: any ChatModel, maxRepairs: Int = 2, constraint: OrchestratorSettings.ConstraintMode = .none
) throws -> (Orchestrator, FakeExecutor) {
    let tools = try testTools()
    let executor = FakeExecutor(tools)
    var settings = OrchestratorSettings()
    settings.maxRepairs = maxRepairs
    settings.constraint = constraint
    return (Orchestrator(model: model, selector: FixedSelector(all: tools), executor: executor, settings: settings), executor)
}

/// An LLMChatModel against the fake server, with fast retries.
func fakeServerModel(
    _ server: FakeOpenAIServer, attempts: Int = 3, timeout: Duration = .seconds(10), streaming: Bool = false,
    jsonSchemaStyle: LLMChatModel.JSONSchemaStyle = .none
) throws -> LLMChatModel {
    var retry = LLMRetryPolicy()
    retry.maxAttempts = attempts
    retry.initialBackoff = .milliseconds(10)
    retry.maxBackoff = .milliseconds(50)
    let configuration = LLMConfiguration(
        baseURL: server.baseURL, model: "fake", requestTimeout: timeout, streamIdleTimeout: timeout, retry: retry)
    return LLMChatModel(client: try LLMClient(configuration: configuration), jsonSchemaStyle: jsonSchemaStyle, streaming: streaming)
}
