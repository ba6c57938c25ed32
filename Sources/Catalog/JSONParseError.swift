/// A JSON syntax error with its 1-based line and column (columns count Unicode scalars).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let raw: String
        public static let unexpectedCharacter = Code(raw: "unexpected character")
        public static let unexpectedEnd = Code(raw: "unexpected end of input")
        public static let invalidNumber = Code(raw: "invalid number")
        public static let invalidString = Code(raw: "invalid string")
        public static let invalidUTF8 = Code(raw: "invalid UTF-8")
        public static let duplicateKey = Code(raw: "duplicate key")
        public static let tooDeep = Code(raw: "nesting too deep")
        public static let tooLarge = Code(raw: "input too large")
        public var description: String { raw }
    }

    public let code: Code
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(line):\(column): \(message)" }
}
