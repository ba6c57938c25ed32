/// The built-in functions, resolved by name, receiver style and arity at compile time.
enum Builtin: Sendable {
    case size, toInt, toUint, toDouble, toString, toBytes, toBool, typeOf, dyn
    case contains, startsWith, endsWith, matches
    case charAt, indexOf, lastIndexOf, lowerAscii, upperAscii, replace, split, substring, trim, join, reverse
    case greatest, least
    case mathAbs, mathCeil, mathFloor, mathRound, mathTrunc, mathSign, mathIsNaN, mathIsInf, mathIsFinite

    /// Global function names (a global call of any other name in a plan is a tool call).
    static let globalNames: Set<String> = [
        "size", "int", "uint", "double", "string", "bytes", "bool", "type", "dyn", "matches", "has",
        "contains", "startsWith", "endsWith",
    ]

    /// Every name a plan may not use for a tool.
    static let reservedNames: Set<String> = globalNames.union([
        "all", "exists", "exists_one", "map", "filter", "charAt", "indexOf", "lastIndexOf", "lowerAscii",
        "upperAscii", "replace", "split", "substring", "trim", "join", "reverse", "math", "cel", "input",
        "let", "return", "true", "false", "null", "in",
    ])

    static func resolve(name: String, receiver: Bool, argc: Int) -> Builtin? {
        // argc counts the receiver.
        switch (name, receiver, argc) {
        case ("size", _, 1): return .size
        case ("int", false, 1): return .toInt
        case ("uint", false, 1): return .toUint
        case ("double", false, 1): return .toDouble
        case ("string", false, 1): return .toString
        case ("bytes", false, 1): return .toBytes
        case ("bool", false, 1): return .toBool
        case ("type", false, 1): return .typeOf
        case ("dyn", false, 1): return .dyn
        case ("contains", _, 2): return .contains
        case ("startsWith", _, 2): return .startsWith
        case ("endsWith", _, 2): return .endsWith
        case ("matches", _, 2): return .matches
        case ("charAt", true, 2): return .charAt
        case ("indexOf", true, 2), ("indexOf", true, 3): return .indexOf
        case ("lastIndexOf", true, 2), ("lastIndexOf", true, 3): return .lastIndexOf
        case ("lowerAscii", true, 1): return .lowerAscii
        case ("upperAscii", true, 1): return .upperAscii
        case ("replace", true, 3), ("replace", true, 4): return .replace
        case ("split", true, 2), ("split", true, 3): return .split
        case ("substring", true, 2), ("substring", true, 3): return .substring
        case ("trim", true, 1): return .trim
        case ("join", true, 1), ("join", true, 2): return .join
        case ("reverse", true, 1): return .reverse
        default: return nil
        }
    }

    /// `math.f(...)` functions (the receiver `math` is a namespace, not a value).
    static func resolveMath(name: String, argc: Int) -> Builtin? {
        switch (name, argc) {
        case ("greatest", 1...): .greatest
        case ("least", 1...): .least
        case ("abs", 1): .mathAbs
        case ("ceil", 1): .mathCeil
        case ("floor", 1): .mathFloor
        case ("round", 1): .mathRound
        case ("trunc", 1): .mathTrunc
        case ("sign", 1): .mathSign
        case ("isNaN", 1): .mathIsNaN
        case ("isInf", 1): .mathIsInf
        case ("isFinite", 1): .mathIsFinite
        default: nil
        }
    }
}

/// Calls of a built-in function with 1, 2 or N arguments (the receiver, if any, first).
final class Call1Node: Node, @unchecked Sendable {
    let fn: Builtin
    let a: Node
    init(_ e: Expr, _ fn: Builtin, _ a: Node) { self.fn = fn; self.a = a; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let x = try a.eval(c)
        if x.isError { return x }
        return located(try Functions.apply(fn, [x], c, self))
    }
}

final class Call2Node: Node, @unchecked Sendable {
    let fn: Builtin
    let a: Node, b: Node
    init(_ e: Expr, _ fn: Builtin, _ a: Node, _ b: Node) { self.fn = fn; self.a = a; self.b = b; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let x = try a.eval(c)
        if x.isError { return x }
        let y = try b.eval(c)
        if y.isError { return y }
        switch (fn, x, y) {
        case (.startsWith, .string(let s), .string(let p)): return .bool(s.utf8.starts(with: p.utf8))
        case (.contains, .string(let s), .string(let p)): return .bool(Functions.contains(s, p))
        default: return located(try Functions.apply(fn, [x, y], c, self))
        }
    }
}

final class CallNNode: Node, @unchecked Sendable {
    let fn: Builtin
    let args: [Node]
    init(_ e: Expr, _ fn: Builtin, _ args: [Node]) { self.fn = fn; self.args = args; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        var vs: [Value] = []
        vs.reserveCapacity(args.count)
        for n in args {
            let v = try n.eval(c)
            if v.isError { return v }
            vs.append(v)
        }
        return located(try Functions.apply(fn, vs, c, self))
    }
}

/// `s.matches(re)` with the pattern compiled once when it is a literal.
final class MatchesNode: Node, @unchecked Sendable {
    let subject: Node
    let pattern: Node
    let compiled: LinearRegex?
    init(_ e: Expr, _ s: Node, _ p: Node, compiled: LinearRegex?) {
        subject = s
        pattern = p
        self.compiled = compiled
        super.init(e)
    }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let s = try subject.eval(c)
        if s.isError { return s }
        let p = try pattern.eval(c)
        if p.isError { return p }
        guard case .string(let text) = s, case .string(let pat) = p else {
            return fail(.noSuchOverload, "no such overload: matches(\(s.type.rawValue), \(p.type.rawValue))")
        }
        c.charge(text.utf8.count >> 2)
        if let compiled { return try search(compiled, text, c) }
        c.charge(pat.utf8.count)  // compiling a pattern that is not a literal
        let re: LinearRegex
        do {
            re = try LinearRegex(pattern: pat)
        } catch {
            return fail(.invalidArgument, "invalid regular expression: \(error)")
        }
        return try search(re, text, c)
    }

    /// Matcher steps bought by one cost unit. A step is one program instruction visited at one text
    /// position, so a long text against a large pattern (up to programSize steps per character) is
    /// paid for by the work it really does and stopped by the cost budget, not run to the end.
    static let stepsPerCostUnit = 16

    private func search(_ re: LinearRegex, _ text: String, _ c: EvalContext) throws(SandboxError) -> Value {
        let (budget, overflow) = c.remainingCost().multipliedReportingOverflow(by: Self.stepsPerCostUnit)
        let (matched, steps) = re.search(text, maxSteps: overflow ? Int.max : budget)
        c.charge(steps / Self.stepsPerCostUnit)
        guard let matched else {
            c.charge(1)  // the budget ran out inside the matcher: make sure the checkpoint sees it spent
            try c.checkpoint()
            throw SandboxError(.budget, "cost budget exceeded inside matches(): limit maxCost is \(c.limits.maxCost)", limit: "maxCost")
        }
        return .bool(matched)
    }
}
