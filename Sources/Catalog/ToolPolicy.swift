/// Per-tool execution limits. Fields left nil take the executor's configured defaults.
public struct ToolPolicy: Sendable, Hashable {
    /// Per-call timeout in milliseconds (1 ... 600,000).
    public var timeoutMilliseconds: Int?
    /// Retries after a failed call (0 ... 10); only read tools may retry.
    public var retries: Int?
    /// Calls of this tool running at the same time (1 ... 1,024).
    public var maxConcurrency: Int?
    /// Largest response body accepted, in bytes (1 ... 64 MiB).
    public var responseMaxBytes: Int?

    public init(timeoutMilliseconds: Int? = nil, retries: Int? = nil, maxConcurrency: Int? = nil, responseMaxBytes: Int? = nil) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.retries = retries
        self.maxConcurrency = maxConcurrency
        self.responseMaxBytes = responseMaxBytes
    }

    /// This policy with its unset fields taken from `defaults`.
    public func merged(over defaults: ToolPolicy) -> ToolPolicy {
        ToolPolicy(
            timeoutMilliseconds: timeoutMilliseconds ?? defaults.timeoutMilliseconds,
            retries: retries ?? defaults.retries,
            maxConcurrency: maxConcurrency ?? defaults.maxConcurrency,
            responseMaxBytes: responseMaxBytes ?? defaults.responseMaxBytes)
    }

    /// JSON key, allowed range.
    static let fields: [(key: String, range: ClosedRange<Int>)] = [
        ("timeout_ms", 1...600_000), ("retries", 0...10), ("max_concurrency", 1...1_024), ("response_max_bytes", 1...(64 << 20)),
    ]
}
