/// A runtime error produced while evaluating an expression. It travels as a `Value.error`.
public struct EvalError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case noSuchOverload = "no_such_overload"
        case noSuchKey = "no_such_key"
        case noSuchField = "no_such_field"
        case indexOutOfRange = "index_out_of_range"
        case divisionByZero = "division_by_zero"
        case overflow = "overflow"
        case range = "range"
        case conversion = "conversion"
        case undeclared = "undeclared_reference"
        case unknownFunction = "unknown_function"
        case duplicateKey = "duplicate_key"
        case invalidArgument = "invalid_argument"
        case tool = "tool_error"
    }

    public var kind: Kind
    public var message: String
    /// 1-based source position of the expression that failed (0 when unknown).
    public var line: Int
    public var column: Int

    public init(_ kind: Kind, _ message: String, line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { line > 0 ? "\(line):\(column): \(message)" : message }
}

extension Value {
    @inline(never)
    static func err(_ kind: EvalError.Kind, _ message: String) -> Value {
        .error(EvalError(kind, message))
    }

    @inline(never)
    static func noOverload(_ op: String, _ args: Value...) -> Value {
        let types = args.map { $0.type.rawValue }.joined(separator: ", ")
        return .error(EvalError(.noSuchOverload, "no such overload: \(op)(\(types))"))
    }
}
