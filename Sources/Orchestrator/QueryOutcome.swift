public import Sandbox
import SandboxJSON

/// Time and tokens spent on one query. `overhead_ms` is the total minus LLM, tools and search.
public struct QueryUsage: Sendable, Equatable {
    public var promptTokens: Int = 0
    public var completionTokens: Int = 0
    public var llmMilliseconds: Double = 0
    public var toolsMilliseconds: Double = 0
    public var searchMilliseconds: Double = 0
    public var totalMilliseconds: Double = 0
    public var overheadMilliseconds: Double { max(0, totalMilliseconds - llmMilliseconds - toolsMilliseconds - searchMilliseconds) }

    public init() {}

    public var json: JSONText {
        .object([
            ("prompt_tokens", .int(promptTokens)), ("completion_tokens", .int(completionTokens)),
            ("llm_ms", .double(llmMilliseconds)), ("tools_ms", .double(toolsMilliseconds)),
            ("search_ms", .double(searchMilliseconds)), ("overhead_ms", .double(overheadMilliseconds)),
            ("total_ms", .double(totalMilliseconds)),
        ])
    }
}

/// One call of the model within a run (for analytics' `llm_calls`).
public struct ModelCall: Sendable {
    /// `plan`, `repair` or `answer`.
    public var purpose: String
    public var model: String
    /// Milliseconds since the run started.
    public var startedAtMilliseconds: Double
    public var durationMilliseconds: Double
    public var ok: Bool
    public var error: String?
    public var promptTokens: Int
    public var completionTokens: Int
    public var attempts: Int
}

/// Everything a query produced: the answer and result (or the error), the plan, the tools considered,
/// the tool-call trace, the repairs, the model calls, the events and the usage.
public struct QueryOutcome: Sendable {
    public var runID: String
    public var answer: String?
    /// The plan's result as JSON text.
    public var resultJSON: String?
    /// The plan that ran (or the last one tried).
    public var plan: String?
    public var toolsConsidered: [(name: String, score: Double)] = []
    public var trace: [TraceEntry] = []
    public var repairs: Int = 0
    public var toolCalls: Int = 0
    public var usage = QueryUsage()
    public var modelCalls: [ModelCall] = []
    public var events: [PipelineEvent] = []
    public var error: OrchestratorError?

    public init(runID: String) { self.runID = runID }

    /// The `/v1/query` response body.
    public var json: JSONText {
        var fields: [(String, JSONText)] = [
            ("run_id", .string(runID)),
            ("answer", answer.map { .string($0) } ?? .null),
            ("result", resultJSON.map { .raw($0) } ?? .null),
            ("plan", plan.map { .string($0) } ?? .null),
            ("tools_considered", .array(toolsConsidered.map { .object([("name", .string($0.name)), ("score", .double($0.score))]) })),
            ("trace", .array(trace.map(QueryOutcome.json(trace:)))),
            ("repairs", .int(repairs)),
            ("usage", usage.json),
        ]
        if let error { fields.append(("error", error.json)) }
        return .object(fields)
    }

    static func json(trace t: TraceEntry) -> JSONText {
        var fields: [(String, JSONText)] = [
            ("tool", .string(t.tool)), ("arguments", .raw(JSONValue.serialize(t.arguments))),
            ("status", .string(t.status.rawValue)), ("duration_ms", .double(t.durationMilliseconds)),
            ("line", .int(t.line)), ("column", .int(t.column)),
        ]
        if let error = t.error { fields.append(("error", .string(error))) }
        return .object(fields)
    }
}
