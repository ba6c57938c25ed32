/// A plan statement: `let NAME = EXPR;` or `return EXPR;`.
public struct Statement: Sendable {
    public enum Kind: Sendable, Equatable {
        case `let`(String)
        case `return`
    }
    public let kind: Kind
    public let expr: Expr
    public let line: Int
    public let column: Int
    /// Column of the bound name (for `let`), for error messages.
    public let nameColumn: Int

    public var name: String? {
        if case .let(let n) = kind { return n }
        return nil
    }
}
