/// A node of the syntax tree. Immutable; every node carries its 1-based line and column.
public final class Expr: Sendable {
    public enum UnaryOp: String, Sendable { case not = "!", negate = "-" }
    public enum BinaryOp: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case `in` = "in"
    }
    public enum Macro: String, Sendable { case all, exists, existsOne = "exists_one", map, filter }

    public struct MapEntry: Sendable {
        public let key: Expr
        public let value: Expr
    }

    public indirect enum Kind: Sendable {
        case literal(Value)
        case ident(String)
        case select(Expr, String)
        /// `has(e.f)`
        case presence(Expr, String)
        case index(Expr, Expr)
        case call(name: String, target: Expr?, args: [Expr])
        case list([Expr])
        case map([MapEntry])
        case unary(UnaryOp, Expr)
        case binary(BinaryOp, Expr, Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case conditional(Expr, Expr, Expr)
        /// `target.macro(v, body)`; for the 3-argument `map(v, filter, transform)` `filter` is set.
        case comprehension(Macro, target: Expr, variable: String, body: Expr, filter: Expr?)
        /// `cel.bind(name, value, body)`
        case bind(String, Expr, Expr)
        /// A tool call; `args` is a map literal (named arguments) or the single argument expression.
        case tool(name: String, args: Expr, named: [String])
    }

    public let kind: Kind
    public let line: Int
    public let column: Int
    /// Height of the subtree (a leaf is 1).
    public let depth: Int
    /// Whether a tool call occurs in this subtree.
    public let containsTool: Bool

    init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
        var d = 0
        var t = false
        @inline(__always) func visit(_ c: Expr) {
            if c.depth > d { d = c.depth }
            if c.containsTool { t = true }
        }
        switch kind {
        case .literal, .ident: break
        case .select(let e, _), .presence(let e, _), .unary(_, let e): visit(e)
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .bind(_, let a, let b):
            visit(a)
            visit(b)
        case .call(_, let target, let args):
            if let target { visit(target) }
            for a in args { visit(a) }
        case .list(let xs): for x in xs { visit(x) }
        case .map(let es):
            for e in es {
                visit(e.key)
                visit(e.value)
            }
        case .conditional(let a, let b, let c):
            visit(a)
            visit(b)
            visit(c)
        case .comprehension(_, let target, _, let body, let filter):
            visit(target)
            visit(body)
            if let filter { visit(filter) }
        case .tool(_, let a, _):
            visit(a)
            t = true
        }
        depth = d + 1
        containsTool = t
    }

    convenience init(_ kind: Kind, at tok: Token) { self.init(kind, line: tok.line, column: tok.column) }
}

extension Expr.Kind {
    public var children: [Expr] {
        switch self {
        case .literal, .ident: []
        case .select(let e, _), .presence(let e, _), .unary(_, let e): [e]
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): [a, b]
        case .call(_, let t, let args): (t.map { [$0] } ?? []) + args
        case .list(let xs): xs
        case .map(let es): es.flatMap { [$0.key, $0.value] }
        case .conditional(let a, let b, let c): [a, b, c]
        case .comprehension(_, let t, _, let b, let f): [t] + (f.map { [$0] } ?? []) + [b]
        case .bind(_, let a, let b): [a, b]
        case .tool(_, let a, _): [a]
        }
    }
}
