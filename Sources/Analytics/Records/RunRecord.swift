/// One request Quiver served (`/v1/query`, `/v1/plans/run`, `/v1/tools/search`), with its children.
///
/// Times are unix milliseconds UTC. The lead maps pipeline events onto this plain value.
public struct RunRecord: Sendable, Equatable, Codable {
    public var id: String
    /// `query`, `plan_run`, `search` or `chat` (free text; keep the set small).
    public var kind: String
    public var startedAt: Int64
    public var finishedAt: Int64?
    /// `ok` or `error` (or another short word: the list endpoint filters on it).
    public var status: String
    public var errorType: String?
    public var errorMessage: String?
    /// The user's query; not stored when `storeQueryText` is off.
    public var queryText: String?
    public var model: String?
    public var toolsConsidered: [String]
    public var planText: String?
    public var repairs: Int
    public var toolCallCount: Int
    public var promptTokens: Int
    public var completionTokens: Int
    public var llmMilliseconds: Double
    public var toolsMilliseconds: Double
    public var searchMilliseconds: Double
    public var overheadMilliseconds: Double
    /// The API key's id (never the key itself).
    public var apiKeyID: String?
    public var idempotencyKey: String?
    /// The HTTP request's `X-Request-Id` (schema version 3).
    public var requestID: String?
    public var llmCalls: [LLMCallRecord]
    public var toolCalls: [ToolCallRecord]
    public var searches: [SearchRecord]

    public init(
        id: String, kind: String, startedAt: Int64, finishedAt: Int64? = nil, status: String,
        errorType: String? = nil, errorMessage: String? = nil, queryText: String? = nil, model: String? = nil,
        toolsConsidered: [String] = [], planText: String? = nil, repairs: Int = 0, toolCallCount: Int = 0,
        promptTokens: Int = 0, completionTokens: Int = 0, llmMilliseconds: Double = 0, toolsMilliseconds: Double = 0,
        searchMilliseconds: Double = 0, overheadMilliseconds: Double = 0, apiKeyID: String? = nil,
        idempotencyKey: String? = nil, llmCalls: [LLMCallRecord] = [], toolCalls: [ToolCallRecord] = [],
        searches: [SearchRecord] = [], requestID: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.queryText = queryText
        self.model = model
        self.toolsConsidered = toolsConsidered
        self.planText = planText
        self.repairs = repairs
        self.toolCallCount = toolCallCount
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.llmMilliseconds = llmMilliseconds
        self.toolsMilliseconds = toolsMilliseconds
        self.searchMilliseconds = searchMilliseconds
        self.overheadMilliseconds = overheadMilliseconds
        self.apiKeyID = apiKeyID
        self.idempotencyKey = idempotencyKey
        self.llmCalls = llmCalls
        self.toolCalls = toolCalls
        self.searches = searches
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, status, model, repairs, searches
        case startedAt = "started_at", finishedAt = "finished_at", errorType = "error_type"
        case errorMessage = "error_message", queryText = "query_text", toolsConsidered = "tools_considered"
        case planText = "plan_text", toolCallCount = "tool_call_count", promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens", llmMilliseconds = "llm_ms", toolsMilliseconds = "tools_ms"
        case searchMilliseconds = "search_ms", overheadMilliseconds = "overhead_ms", apiKeyID = "api_key_id"
        case idempotencyKey = "idempotency_key", llmCalls = "llm_calls", toolCalls = "tool_calls"
        case requestID = "request_id"
    }
}
