/// The one error type of the plan language: parse, check, limit and runtime failures.
/// `short` is a one-line form meant to be pasted back to an LLM for repair, e.g. `2:14: unknown tool 'foo'`.
public struct SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Lexical or grammatical error.
        public static let syntax = Kind(rawValue: "syntax")
        /// Static check: unknown names, tools, arguments, purity rules.
        public static let check = Kind(rawValue: "check")
        /// A static or runtime limit was exceeded (the message names the limit and the amount).
        public static let limit = Kind(rawValue: "limit")
        /// The cost budget ran out while running.
        public static let budget = Kind(rawValue: "budget")
        /// The wall-clock deadline passed.
        public static let deadline = Kind(rawValue: "deadline")
        /// The run was cancelled by its caller.
        public static let cancelled = Kind(rawValue: "cancelled")
        /// The result was an error value (division by zero, no such key, a tool failure...).
        public static let evaluation = Kind(rawValue: "evaluation")
        /// A tool call failed or timed out.
        public static let tool = Kind(rawValue: "tool")
    }

    public var kind: Kind
    public var message: String
    /// 1-based; 0 when the error has no source position.
    public var line: Int
    public var column: Int
    /// For limit errors: the limit's name (a `Limits` field name).
    public var limit: String?

    public init(_ kind: Kind, _ message: String, line: Int = 0, column: Int = 0, limit: String? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
        self.limit = limit
    }

    /// `LINE:COL: message`, or the message alone when there is no position.
    public var short: String { line > 0 ? "\(line):\(column): \(message)" : message }

    public var description: String { "\(kind): \(short)" }

    static func limit(_ name: String, _ message: String, line: Int = 0, column: Int = 0) -> SandboxError {
        SandboxError(.limit, message, line: line, column: column, limit: name)
    }
}
