/// An error from compiling a regular expression: a syntax error, a feature RE2 does not have
/// (backreferences, lookaround), or a limit of ``RegexLimits`` that the pattern exceeds.
public struct RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a stable code (new codes may be added).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The pattern is not valid RE2 syntax.
        public static let syntax = Code("syntax")
        /// The pattern uses a feature that a linear-time engine cannot offer (backreferences, lookaround).
        public static let unsupported = Code("unsupported")
        /// The pattern exceeds a limit of ``RegexLimits``.
        public static let limit = Code("limit")
        public var description: String { name }
    }

    public var code: Code
    /// A short message, e.g. `missing closing ): "(ab"`.
    public var message: String
    /// The offset in Unicode scalars into the pattern where the problem was found.
    public var position: Int

    public init(code: Code, message: String, position: Int) {
        self.code = code
        self.message = message
        self.position = position
    }

    public var description: String { "invalid regex at offset \(position): \(message)" }
}
