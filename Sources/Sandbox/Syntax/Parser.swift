/// Hand-written recursive-descent parser with precedence climbing for CEL expressions and plans.
struct Parser {
    private var toks: [Token]
    private var p = 0
    private let limits: Limits
    /// In plan mode, a global call of a name that is not a CEL function is a tool call.
    private let planMode: Bool
    private var recursion = 0

    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "in", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    init(source: String, limits: Limits, planMode: Bool) throws(SandboxError) {
        let bytes = source.utf8.count
        guard bytes <= limits.maxSourceBytes else {
            throw .limit("maxSourceBytes", "source is \(bytes) bytes, over the limit of \(limits.maxSourceBytes)", line: 1, column: 1)
        }
        toks = try Lexer.tokenize(source)
        self.limits = limits
        self.planMode = planMode
    }

    // MARK: - token helpers

    private var tok: Token { toks[p] }
    private func peekTok(_ o: Int) -> Token { toks[min(p + o, toks.count - 1)] }
    private mutating func bump() -> Token {
        let t = toks[p]
        if p < toks.count - 1 { p += 1 }
        return t
    }
    private mutating func accept(_ punct: String) -> Bool {
        if tok.isPunct(punct) { p += 1; return true }
        return false
    }
    private mutating func expect(_ punct: String, _ what: String) throws(SandboxError) {
        guard accept(punct) else { throw syntaxError("expected '\(punct)' \(what), found \(tok.describe)", tok) }
    }
    private func syntaxError(_ msg: String, _ t: Token) -> SandboxError { SandboxError(.syntax, msg, line: t.line, column: t.column) }

    private func node(_ kind: Expr.Kind, _ t: Token) throws(SandboxError) -> Expr {
        let e = Expr(kind, at: t)
        if e.depth > limits.maxASTDepth {
            throw .limit("maxASTDepth", "expression nesting depth \(e.depth) is over the limit of \(limits.maxASTDepth)", line: t.line, column: t.column)
        }
        return e
    }

    private mutating func enter() throws(SandboxError) {
        recursion += 1
        // Each syntactic level costs a few frames; bound the recursion well before the stack.
        if recursion > limits.maxASTDepth * 4 + 64 {
            throw .limit("maxASTDepth", "expression nested deeper than the limit of \(limits.maxASTDepth)", line: tok.line, column: tok.column)
        }
    }

    // MARK: - entry points

    mutating func parseExpression() throws(SandboxError) -> Expr {
        let e = try expr()
        guard tok.isEOF else { throw syntaxError("unexpected \(tok.describe) after the expression", tok) }
        return e
    }

    mutating func parsePlan() throws(SandboxError) -> [Statement] {
        var out: [Statement] = []
        while true {
            let t = tok
            guard case .ident(let kw) = t.kind else {
                throw syntaxError("expected 'let' or 'return', found \(t.describe)", t)
            }
            if out.count >= limits.maxStatements {
                throw .limit("maxStatements", "plan has more than \(limits.maxStatements) statements", line: t.line, column: t.column)
            }
            if kw == "let" {
                _ = bump()
                let nt = tok
                guard case .ident(let name) = nt.kind else { throw syntaxError("expected a name after 'let', found \(nt.describe)", nt) }
                if Parser.reserved.contains(name) || ["true", "false", "null"].contains(name) {
                    throw syntaxError("'\(name)' is reserved and cannot be bound", nt)
                }
                _ = bump()
                try expect("=", "after 'let \(name)'")
                let e = try expr()
                try expect(";", "at the end of the let statement")
                out.append(Statement(kind: .let(name), expr: e, line: t.line, column: t.column, nameColumn: nt.column))
            } else if kw == "return" {
                _ = bump()
                let e = try expr()
                _ = accept(";")
                guard tok.isEOF else { throw syntaxError("unexpected \(tok.describe) after the return statement", tok) }
                out.append(Statement(kind: .return, expr: e, line: t.line, column: t.column, nameColumn: t.column))
                return out
            } else {
                throw syntaxError("expected 'let' or 'return', found \(t.describe)", t)
            }
            if tok.isEOF { throw syntaxError("plan must end with a 'return' statement", tok) }
        }
    }

    // MARK: - expressions

    private mutating func expr() throws(SandboxError) -> Expr {
        try enter()
        defer { recursion -= 1 }
        let start = tok
        let c = try binary(0)
        if accept("?") {
            let a = try binary(0)
            try expect(":", "in the conditional expression")
            let b = try expr()
            return try node(.conditional(c, a, b), start)
        }
        return c
    }

    private static func precedence(_ t: Token) -> Int? {
        switch t.kind {
        case .punct(let s):
            switch s {
            case "||": 1
            case "&&": 2
            case "==", "!=", "<", "<=", ">", ">=": 3
            case "+", "-": 4
            case "*", "/", "%": 5
            default: nil
            }
        case .ident("in"): 3
        default: nil
        }
    }

    /// Precedence climbing over the left-associative binary levels.
    private mutating func binary(_ minPrec: Int) throws(SandboxError) -> Expr {
        var lhs = try unary()
        while let prec = Parser.precedence(tok), prec > minPrec {
            let opTok = bump()
            let rhs = try binary(prec)
            let kind: Expr.Kind
            switch opTok.kind {
            case .punct("||"): kind = .or(lhs, rhs)
            case .punct("&&"): kind = .and(lhs, rhs)
            case .ident("in"): kind = .binary(.in, lhs, rhs)
            case .punct(let s):
                guard let op = Expr.BinaryOp(rawValue: s) else { throw syntaxError("unknown operator '\(s)'", opTok) }
                kind = .binary(op, lhs, rhs)
            default: throw syntaxError("unexpected \(opTok.describe)", opTok)
            }
            lhs = try node(kind, opTok)
        }
        return lhs
    }

    private mutating func unary() throws(SandboxError) -> Expr {
        try enter()
        defer { recursion -= 1 }
        let t = tok
        if accept("!") {
            return try node(.unary(.not, try unary()), t)
        }
        if accept("-") {
            // Fold a negative integer literal so that -9223372036854775808 is representable.
            if case .int(let text) = tok.kind, !peekTok(1).isPunct("."), !peekTok(1).isPunct("[") {
                let lt = bump()
                guard let v = Parser.intValue(text, negative: true) else { throw syntaxError("integer literal out of range: -\(text)", lt) }
                return try node(.literal(.int(v)), t)
            }
            return try node(.unary(.negate, try unary()), t)
        }
        return try member()
    }

    static func intValue(_ text: String, negative: Bool) -> Int64? {
        let mag: UInt64?
        if text.hasPrefix("0x") { mag = UInt64(text.dropFirst(2), radix: 16) } else { mag = UInt64(text) }
        guard let m = mag else { return nil }
        if negative {
            if m == UInt64(Int64.max) + 1 { return Int64.min }
            guard m <= UInt64(Int64.max) else { return nil }
            return -Int64(m)
        }
        guard m <= UInt64(Int64.max) else { return nil }
        return Int64(m)
    }

    private mutating func member() throws(SandboxError) -> Expr {
        var e = try primary()
        while true {
            let t = tok
            if accept(".") {
                let nt = bump()
                let name: String
                switch nt.kind {
                case .ident(let s): name = s
                case .punct(let s) where s.hasPrefix("`"): name = String(s.dropFirst())
                default: throw syntaxError("expected a field or method name after '.', found \(nt.describe)", nt)
                }
                if tok.isPunct("("), case .ident = nt.kind {
                    _ = bump()
                    let args = try exprList(")")
                    e = try receiverCall(e, name, args, nt)
                } else {
                    e = try node(.select(e, name), nt)
                }
            } else if accept("[") {
                let i = try expr()
                try expect("]", "after the index")
                e = try node(.index(e, i), t)
            } else {
                return e
            }
        }
    }

    private mutating func exprList(_ close: String) throws(SandboxError) -> [Expr] {
        var out: [Expr] = []
        if accept(close) { return out }
        while true {
            out.append(try expr())
            if accept(close) { return out }
            try expect(",", "between arguments")
            if accept(close) { return out }
        }
    }

    private func receiverCall(_ target: Expr, _ name: String, _ args: [Expr], _ t: Token) throws(SandboxError) -> Expr {
        if let macro = Expr.Macro(rawValue: name), args.count == 2 || (macro == .map && args.count == 3) {
            guard case .ident(let v) = args[0].kind else {
                throw SandboxError(.syntax, "the first argument of \(name) must be a variable name", line: args[0].line, column: args[0].column)
            }
            if args.count == 3 {
                return try node(.comprehension(macro, target: target, variable: v, body: args[2], filter: args[1]), t)
            }
            return try node(.comprehension(macro, target: target, variable: v, body: args[1], filter: nil), t)
        }
        if name == "bind", case .ident("cel") = target.kind, args.count == 3 {
            guard case .ident(let v) = args[0].kind else {
                throw SandboxError(.syntax, "the first argument of cel.bind must be a variable name", line: args[0].line, column: args[0].column)
            }
            return try node(.bind(v, args[1], args[2]), t)
        }
        return try node(.call(name: name, target: target, args: args), t)
    }

    private mutating func primary() throws(SandboxError) -> Expr {
        let t = bump()
        switch t.kind {
        case .int(let text):
            guard let v = Parser.intValue(text, negative: false) else { throw syntaxError("integer literal out of range: \(text)", t) }
            return try node(.literal(.int(v)), t)
        case .uint(let u): return try node(.literal(.uint(u)), t)
        case .double(let d): return try node(.literal(.double(d)), t)
        case .string(let s): return try node(.literal(.string(s)), t)
        case .bytes(let b): return try node(.literal(.bytes(b)), t)
        case .punct("("):
            let e = try expr()
            try expect(")", "to close '('")
            return e
        case .punct("["):
            try enter()
            defer { recursion -= 1 }
            return try node(.list(try exprList("]")), t)
        case .punct("{"):
            try enter()
            defer { recursion -= 1 }
            var entries: [Expr.MapEntry] = []
            if !accept("}") {
                while true {
                    let k = try expr()
                    try expect(":", "after the map key")
                    let v = try expr()
                    entries.append(Expr.MapEntry(key: k, value: v))
                    if accept("}") { break }
                    try expect(",", "between map entries")
                    if accept("}") { break }
                }
            }
            return try node(.map(entries), t)
        case .punct("."):
            let nt = tok
            guard case .ident = nt.kind else { throw syntaxError("expected a name after '.', found \(nt.describe)", nt) }
            return try primary()
        case .ident(let name):
            switch name {
            case "true": return try node(.literal(.bool(true)), t)
            case "false": return try node(.literal(.bool(false)), t)
            case "null": return try node(.literal(.null), t)
            default: break
            }
            if Parser.reserved.contains(name) { throw syntaxError("'\(name)' is a reserved word", t) }
            if accept("(") {
                return try globalCall(name, t)
            }
            if tok.isPunct("{") && !planMode {
                throw syntaxError("message construction is not supported", t)
            }
            return try node(.ident(name), t)
        default:
            throw syntaxError("unexpected \(t.describe)", t)
        }
    }

    private mutating func globalCall(_ name: String, _ t: Token) throws(SandboxError) -> Expr {
        let isTool = planMode && !Builtin.globalNames.contains(name)
        if isTool {
            // named arguments: IDENT ':' ...
            if case .ident(let first) = tok.kind, peekTok(1).isPunct(":"), !Parser.reserved.contains(first) {
                var entries: [Expr.MapEntry] = []
                var names: [String] = []
                let mt = tok
                while true {
                    let kt = bump()
                    guard case .ident(let key) = kt.kind else { throw syntaxError("expected an argument name, found \(kt.describe)", kt) }
                    try expect(":", "after the argument name '\(key)'")
                    if names.contains(key) { throw syntaxError("argument '\(key)' is given twice", kt) }
                    names.append(key)
                    let v = try expr()
                    entries.append(Expr.MapEntry(key: Expr(.literal(.string(key)), at: kt), value: v))
                    if accept(")") { break }
                    try expect(",", "between named arguments")
                    if accept(")") { break }
                }
                return try node(.tool(name: name, args: try node(.map(entries), mt), named: names), t)
            }
            let args = try exprList(")")
            if args.count > 1 {
                throw syntaxError("tool '\(name)' takes named arguments (name: value) or one map", t)
            }
            let arg: Expr
            if let first = args.first { arg = first } else { arg = try node(.map([]), t) }
            return try node(.tool(name: name, args: arg, named: []), t)
        }
        let args = try exprList(")")
        if name == "has" {
            guard args.count == 1, case .select(let operand, let field) = args[0].kind else {
                throw syntaxError("has() takes one field selection, like has(m.f)", t)
            }
            return try node(.presence(operand, field), t)
        }
        return try node(.call(name: name, target: nil, args: args), t)
    }
}
