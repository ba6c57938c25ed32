/// A compiled single CEL expression (used by `quiver eval` and benchmarks).
///
///     let p = try Program.compile(expression: "xs.filter(x, x > 2).size()")
///     let v = try p.evaluate(bindings: ["xs": .list([.int(1), .int(3)])])
public struct Program: Sendable {
    let root: Node
    let staticCost: Int
    let slotCount: Int
    let variableSlots: [(name: String, slot: Int, line: Int, column: Int)]
    public let limits: Limits
    /// The syntax tree.
    public let expr: Expr

    /// Names of the variables the expression reads (to be supplied as bindings).
    public var variables: [String] { variableSlots.map(\.name) }

    /// Parses and compiles an expression. Throws `.syntax` or `.limit` errors with line and column.
    public static func compile(expression: String, limits: Limits = .default) throws(SandboxError) -> Program {
        var parser = try Parser(source: expression, limits: limits, planMode: false)
        let e = try parser.parseExpression()
        var c = Compiler(mode: .expression, limits: limits)
        let (root, cost) = try c.compile(e)
        let vars = c.globalNames.compactMap { n in
            c.globals[n].map { (name: n, slot: $0, line: c.firstUse[n]?.line ?? 0, column: c.firstUse[n]?.column ?? 0) }
        }
        return Program(root: root, staticCost: cost, slotCount: c.slotCount, variableSlots: vars, limits: limits, expr: e)
    }

    /// Evaluates with the given variables. A CEL error result, an exceeded limit, the deadline or
    /// cancellation of the current task throw a `SandboxError`.
    public func evaluate(bindings: [String: Value] = [:]) throws(SandboxError) -> Value {
        let v = try evaluateAllowingErrors(bindings: bindings)
        if case .error(let e) = v {
            throw SandboxError(.evaluation, e.message, line: e.line, column: e.column)
        }
        return v
    }

    /// Like `evaluate`, but returns CEL error results as `Value.error` instead of throwing.
    public func evaluateAllowingErrors(bindings: [String: Value] = [:]) throws(SandboxError) -> Value {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(limits.deadlineMilliseconds))
        let c = EvalContext(slotCount: slotCount, limits: limits, deadline: deadline, shared: SharedBudget())
        for v in variableSlots {
            c.slots[v.slot] = bindings[v.name] ?? .error(EvalError(.undeclared, "undeclared reference to '\(v.name)'", line: v.line, column: v.column))
        }
        c.charge(staticCost)
        let v = try root.eval(c)
        try c.checkpoint()
        return v
    }
}
