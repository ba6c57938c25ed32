public import Sandbox

/// Checks and runs plans against an executor within the server's limits. The HTTP routes
/// (`/v1/plans/run`, `/v1/plans/check`) and `quiver run`/`quiver check` share it, so both behave alike.
public struct PlanService: Sendable {
    public let executor: any ToolExecutor
    /// The server's limits: the most a request may use.
    public let limits: Limits

    public init(executor: any ToolExecutor, limits: Limits = .default) {
        self.executor = executor
        self.limits = limits
    }

    /// Limits a caller asks for; each may lower the server's limit, never raise it.
    public struct LimitOverrides: Sendable, Decodable, Equatable {
        public var deadline_ms: Int?
        public var max_cost: Int?
        public var max_tool_calls: Int?
        public var max_concurrent_calls: Int?
        public var call_timeout_ms: Int?

        public init(deadline_ms: Int? = nil, max_cost: Int? = nil, max_tool_calls: Int? = nil, max_concurrent_calls: Int? = nil, call_timeout_ms: Int? = nil) {
            self.deadline_ms = deadline_ms
            self.max_cost = max_cost
            self.max_tool_calls = max_tool_calls
            self.max_concurrent_calls = max_concurrent_calls
            self.call_timeout_ms = call_timeout_ms
        }
    }

    /// A requested limit above the server's (or below its minimum).
    public struct LimitError: Error, Sendable, CustomStringConvertible {
        /// The field, e.g. `max_cost`.
        public let field: String
        public let message: String
        public var description: String { message }
    }

    /// The server's limits lowered by `overrides`.
    public func effectiveLimits(_ overrides: LimitOverrides?) throws(LimitError) -> Limits {
        var l = limits
        guard let o = overrides else { return l }
        func lower(_ field: String, _ asked: Int?, _ current: inout Int, minimum: Int) throws(LimitError) {
            guard let asked else { return }
            guard asked >= minimum else { throw LimitError(field: field, message: "limits.\(field) must be at least \(minimum), got \(asked)") }
            guard asked <= current else {
                throw LimitError(field: field, message: "limits.\(field) \(asked) is above the server's limit of \(current); limits may only lower it")
            }
            current = asked
        }
        try lower("deadline_ms", o.deadline_ms, &l.deadlineMilliseconds, minimum: 1)
        try lower("max_cost", o.max_cost, &l.maxCost, minimum: 0)
        try lower("max_tool_calls", o.max_tool_calls, &l.maxToolCalls, minimum: 0)
        try lower("max_concurrent_calls", o.max_concurrent_calls, &l.maxConcurrentCalls, minimum: 1)
        try lower("call_timeout_ms", o.call_timeout_ms, &l.callTimeoutMilliseconds, minimum: 1)
        return l
    }

    /// The executor a run uses from its check to its last call: for a ``ReloadableToolExecutor``, the one
    /// current when the run starts, so a catalog reload never changes the tools under a running plan.
    public var pinnedExecutor: any ToolExecutor {
        executor.pinned
    }

    /// Parses and checks `source`: the parse error, or the checker's report.
    public func check(source: String, limits: Limits) -> Result<(Plan, CheckReport), SandboxError> {
        check(source: source, limits: limits, executor: pinnedExecutor)
    }

    func check(source: String, limits: Limits, executor: any ToolExecutor) -> Result<(Plan, CheckReport), SandboxError> {
        do throws(SandboxError) {
            let plan = try Plan.parse(source: source, limits: limits)
            return .success((plan, plan.check(tools: executor.toolTable)))
        } catch {
            return .failure(error)
        }
    }

    /// What a run produced.
    public enum RunResult: Sendable {
        /// The plan did not parse or did not pass the static check (every error, first one first); nothing ran.
        case rejected([SandboxError])
        case ran(PlanOutcome)
    }

    public func run(source: String, input: Value, limits: Limits) async -> RunResult {
        let executor = pinnedExecutor
        switch check(source: source, limits: limits, executor: executor) {
        case .failure(let e): return .rejected([e])
        case .success(let (plan, report)):
            if !report.errors.isEmpty { return .rejected(report.errors) }
            return .ran(await PlanRunner.run(plan: plan, input: input, executor: executor, limits: limits))
        }
    }
}

extension PlanService {
    /// The message, with the limit's name added when the message does not say it.
    public static func describe(_ e: SandboxError) -> String {
        guard let limit = e.limit, !e.message.contains(limit) else { return e.message }
        return "\(e.message) (limit \(limit))"
    }

    /// `{"type", "message", "line", "column", "limit"?}` for an error.
    public static func errorValue(_ e: SandboxError) -> Value {
        var m = MapValue()
        m.insertOrReplace(key: .string("type"), value: .string(e.kind.rawValue))
        m.insertOrReplace(key: .string("message"), value: .string(describe(e)))
        m.insertOrReplace(key: .string("line"), value: .int(Int64(e.line)))
        m.insertOrReplace(key: .string("column"), value: .int(Int64(e.column)))
        if let limit = e.limit { m.insertOrReplace(key: .string("limit"), value: .string(limit)) }
        return .map(m)
    }

    /// The trace as a list of `{tool, arguments, status, duration_ms, error, line, column}`.
    public static func traceValue(_ trace: [TraceEntry]) -> Value {
        .list(
            trace.map { t in
                .object([
                    "tool": .string(t.tool), "arguments": t.arguments, "status": .string(t.status.rawValue),
                    "duration_ms": .double(t.durationMilliseconds), "error": t.error.map { .string($0) } ?? .null,
                    "line": .int(Int64(t.line)), "column": .int(Int64(t.column)),
                ])
            })
    }

    public static func usageValue(_ u: Usage) -> Value {
        .object([
            "calls": .int(Int64(u.toolCalls)), "reserved_calls": .int(Int64(u.reservedToolCalls)),
            "cost_units": .int(Int64(u.cost)), "wall_ms": .double(u.wallMilliseconds),
        ])
    }

    /// `{"result", "trace", "usage"}` or `{"error", "trace", "usage"}`.
    public static func outcomeValue(_ o: PlanOutcome) -> Value {
        var m = MapValue()
        switch o.result {
        case .success(let v): m.insertOrReplace(key: .string("result"), value: v)
        case .failure(let e): m.insertOrReplace(key: .string("error"), value: errorValue(e))
        }
        m.insertOrReplace(key: .string("trace"), value: traceValue(o.trace))
        m.insertOrReplace(key: .string("usage"), value: usageValue(o.usage))
        return .map(m)
    }

    /// `{"ok", "errors": [...], "bounds": {min_tool_calls, max_tool_calls, min_cost, max_cost}}`.
    public static func reportValue(_ r: CheckReport) -> Value {
        .object([
            "ok": .bool(r.isClean), "errors": .list(r.errors.map(errorValue)),
            "bounds": .object([
                "min_tool_calls": .int(Int64(r.minToolCalls)), "max_tool_calls": r.maxToolCalls.map { .int(Int64($0)) } ?? .null,
                "min_cost": .int(Int64(r.minCost)), "max_cost": r.maxCost.map { .int(Int64($0)) } ?? .null,
            ]),
        ])
    }
}
