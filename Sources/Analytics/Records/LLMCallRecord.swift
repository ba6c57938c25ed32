/// One call to the LLM endpoint within a run (planning, a repair, or phrasing the answer).
public struct LLMCallRecord: Sendable, Equatable, Codable {
    /// `plan`, `repair` or `answer`.
    public var purpose: String
    public var model: String
    public var startedAt: Int64
    public var durationMilliseconds: Double
    /// `ok` or `error`.
    public var status: String
    public var errorType: String?
    public var promptTokens: Int
    public var completionTokens: Int
    /// HTTP attempts including retries.
    public var attempts: Int

    public init(
        purpose: String, model: String, startedAt: Int64, durationMilliseconds: Double, status: String,
        errorType: String? = nil, promptTokens: Int = 0, completionTokens: Int = 0, attempts: Int = 1
    ) {
        self.purpose = purpose
        self.model = model
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.status = status
        self.errorType = errorType
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.attempts = attempts
    }

    enum CodingKeys: String, CodingKey {
        case purpose, model, status, attempts
        case startedAt = "started_at", durationMilliseconds = "duration_ms", errorType = "error_type"
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens"
    }
}
