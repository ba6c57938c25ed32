/// Defaults and limits of the catalog tool executor. Every field is a setting with a default; a tool's
/// catalog `policy` overrides `timeoutMilliseconds`, `retries`, `maxConcurrency` and `responseMaxBytes`.
public struct ToolExecutorSettings: Sendable {
    /// Per-call timeout (each attempt), unless the tool's policy sets `timeout_ms`. Default 10 s.
    public var timeoutMilliseconds: Int = 10_000
    /// Retries after a transient failure of a read tool, unless the policy sets `retries`. Default 0.
    public var retries: Int = 0
    /// Calls of one tool at the same time, unless the policy sets `max_concurrency`. Default 16.
    public var maxConcurrency: Int = 16
    /// Largest HTTP response body, unless the policy sets `response_max_bytes`. Default 1 MiB.
    public var responseMaxBytes: Int = 1 << 20
    /// Largest tool result converted to a value, in estimated bytes (builtins and MCP too). Default 4 MiB.
    public var resultMaxBytes: Int = 4 << 20
    /// First retry delay; doubles each attempt, with full jitter. Default 100 ms.
    public var retryBaseDelayMilliseconds: Int = 100
    /// Longest retry delay. Default 2 s.
    public var retryMaxDelayMilliseconds: Int = 2_000
    /// Consecutive failures that open a tool's circuit breaker. Default 5.
    public var breakerFailureThreshold: Int = 5
    /// How long an open breaker fails fast before letting one probe through. Default 30 s.
    public var breakerCooldownMilliseconds: Int = 30_000

    public init() {}

    public static let `default` = ToolExecutorSettings()
}

/// Receives per-call outcomes and breaker changes (the server wires this to Prometheus metrics).
public protocol ToolCallObserver: Sendable {
    /// `status`: `ok`, `error`, `timeout`, `rejected` (breaker open or policy refusal).
    func toolCallFinished(tool: String, status: String, duration: Duration)
    func circuitChanged(tool: String, open: Bool)
}
