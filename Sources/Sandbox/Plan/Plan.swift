/// A parsed plan: `let` statements and a final `return`.
///
///     let plan = try Plan.parse(source: text)
///     let report = plan.check(tools: executor.tools)   // static errors and bounds, before any call
///     let outcome = await PlanRunner.run(plan: plan, input: input, executor: executor)
public struct Plan: Sendable {
    public let source: String
    public let statements: [Statement]
    public let limits: Limits

    /// Parses a plan. Throws `.syntax` or `.limit` errors (source size, statements, AST depth) with positions.
    public static func parse(source: String, limits: Limits = .default) throws(SandboxError) -> Plan {
        var parser = try Parser(source: source, limits: limits, planMode: true)
        let statements = try parser.parsePlan()
        return Plan(source: source, statements: statements, limits: limits)
    }

    /// Static check against the available tools: every error found (sorted by position) and the bounds.
    public func check(tools: [ToolDescription]) -> CheckReport {
        check(tools: ToolTable(tools))
    }

    /// Static check against a prepared ``ToolTable`` (what servers use: no per-request indexing).
    public func check(tools: ToolTable) -> CheckReport {
        var checker = PlanChecker(tools: tools, limits: limits)
        return checker.check(self)
    }

    /// Names a tool may not have: CEL's built-in functions, macros, namespaces and reserved words
    /// (the catalog rejects such tools when it loads).
    public static var reservedToolNames: Set<String> { Builtin.reservedNames.union(Parser.reserved) }

    /// Names bound by `let`, in order.
    public var boundNames: [String] { statements.compactMap(\.name) }
}

/// What the static checker found.
public struct CheckReport: Sendable {
    /// Errors sorted by position; empty when the plan is clean.
    public var errors: [SandboxError]
    /// Tool calls every run makes at least (calls outside conditionals and unknown-size fan-outs).
    public var minToolCalls: Int
    /// Upper bound on tool calls, when computable (nil: depends on data).
    public var maxToolCalls: Int?
    /// Lower bound and (when computable) upper bound on cost units.
    public var minCost: Int
    public var maxCost: Int?

    public var isClean: Bool { errors.isEmpty }
}
