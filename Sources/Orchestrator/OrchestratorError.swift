/// An error that means "not yet" rather than "failed": a selector throws one while its index is still
/// loading, and the query fails with ``OrchestratorError/Code/unavailable`` (HTTP 503 with `Retry-After`).
public protocol TemporarilyUnavailable: Error {}

/// Why a query failed. Switch on ``code``; ``message`` is safe to show (no prompts, no keys).
public struct OrchestratorError: Error, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The request is unusable (bad context, unknown tools named, bad limits).
        public static let invalidRequest = Code(rawValue: "invalid_request")
        /// Ranking the tools failed.
        public static let search = Code(rawValue: "search_error")
        /// The model endpoint failed after its retries (rate limits, 5xx, timeouts, garbage).
        public static let llm = Code(rawValue: "llm_error")
        /// No plan parsed and checked within `maxRepairs` repairs.
        public static let planInvalid = Code(rawValue: "plan_invalid")
        /// The plan ran and failed (tool failure, limit, deadline, evaluation error).
        public static let execution = Code(rawValue: "execution_error")
        /// The caller went away.
        public static let cancelled = Code(rawValue: "cancelled")
        /// A part the query needs is not ready yet (the tool index is still loading); retry shortly.
        public static let unavailable = Code(rawValue: "unavailable")
    }

    public var code: Code
    public var message: String
    /// For plan and execution errors: the sandbox error kind (`syntax`, `check`, `limit`, `tool`...).
    public var kind: String?
    public var line: Int?
    public var column: Int?
    /// For limit errors: the `Limits` field.
    public var limit: String?

    public init(_ code: Code, _ message: String, kind: String? = nil, line: Int? = nil, column: Int? = nil, limit: String? = nil) {
        self.code = code
        self.message = message
        self.kind = kind
        self.line = line
        self.column = column
        self.limit = limit
    }

    public var description: String { "\(code): \(message)" }

    public var json: JSONText {
        var fields: [(String, JSONText)] = [("type", .string(code.rawValue)), ("message", .string(message))]
        if let kind { fields.append(("kind", .string(kind))) }
        if let line, line > 0 { fields.append(("line", .int(line))) }
        if let column, column > 0 { fields.append(("column", .int(column))) }
        if let limit { fields.append(("limit", .string(limit))) }
        return .object(fields)
    }
}
