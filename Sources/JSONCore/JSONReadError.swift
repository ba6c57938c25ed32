/// A JSON syntax error or a limit hit while reading, with its 1-based line and column (columns count
/// Unicode scalars) and byte offset.
public struct JSONReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        @usableFromInline let raw: String
        @usableFromInline init(raw: String) { self.raw = raw }
        public static let unexpectedCharacter = Code(raw: "unexpected character")
        public static let unexpectedEnd = Code(raw: "unexpected end of input")
        public static let invalidNumber = Code(raw: "invalid number")
        public static let invalidString = Code(raw: "invalid string")
        public static let invalidUTF8 = Code(raw: "invalid UTF-8")
        public static let duplicateKey = Code(raw: "duplicate key")
        /// Nesting deeper than `JSONReader.Limits.maxDepth`.
        public static let tooDeep = Code(raw: "nesting too deep")
        /// Input longer than `JSONReader.Limits.maxBytes`.
        public static let tooLarge = Code(raw: "input too large")
        public var description: String { raw }
    }

    public let code: Code
    public let line: Int
    public let column: Int
    /// The byte offset the line and column point at.
    public let offset: Int
    public let message: String

    @inlinable
    public init(code: Code, line: Int, column: Int, offset: Int, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}
