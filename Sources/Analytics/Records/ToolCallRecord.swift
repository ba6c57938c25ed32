/// One tool call made while running a plan.
public struct ToolCallRecord: Sendable, Equatable, Codable {
    public var tool: String
    public var startedAt: Int64
    public var durationMilliseconds: Double
    /// `ok`, `error`, `timeout`, `circuit_open`... (short words).
    public var status: String
    public var argumentsBytes: Int
    public var resultBytes: Int
    public var errorType: String?
    public var errorMessage: String?

    public init(
        tool: String, startedAt: Int64, durationMilliseconds: Double, status: String, argumentsBytes: Int = 0,
        resultBytes: Int = 0, errorType: String? = nil, errorMessage: String? = nil
    ) {
        self.tool = tool
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.status = status
        self.argumentsBytes = argumentsBytes
        self.resultBytes = resultBytes
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    enum CodingKeys: String, CodingKey {
        case tool, status
        case startedAt = "started_at", durationMilliseconds = "duration_ms", argumentsBytes = "args_bytes"
        case resultBytes = "result_bytes", errorType = "error_type", errorMessage = "error_message"
    }
}
