/// One tool call in a run's trace.
public struct TraceEntry: Sendable {
    public enum Status: String, Sendable { case ok, error, timeout, cancelled }
    public var tool: String
    public var arguments: Value
    public var status: Status
    public var durationMilliseconds: Double
    public var error: String?
    public var line: Int
    public var column: Int
}

/// Resource use of a run.
public struct Usage: Sendable, Equatable {
    /// Tool calls dispatched.
    public var toolCalls: Int
    /// Tool calls reserved (a fan-out reserves its whole size before dispatch).
    public var reservedToolCalls: Int
    /// Cost units spent.
    public var cost: Int
    public var wallMilliseconds: Double
}

/// The result of running a plan: a value or an error, the trace of tool calls (partial on failure) and usage.
public struct PlanOutcome: Sendable {
    public var result: Result<Value, SandboxError>
    public var trace: [TraceEntry]
    public var usage: Usage

    public var value: Value? {
        if case .success(let v) = result { return v }
        return nil
    }

    public var error: SandboxError? {
        if case .failure(let e) = result { return e }
        return nil
    }

    /// `{"result": ..., "trace": [...], "usage": {...}}` (or `"error"` instead of `"result"`) as a value.
    public var asValue: Value {
        var m = MapValue()
        switch result {
        case .success(let v): m.insertOrReplace(key: .string("result"), value: v)
        case .failure(let e):
            m.insertOrReplace(
                key: .string("error"),
                value: .object([
                    "kind": .string(e.kind.rawValue), "message": .string(e.message), "line": .int(Int64(e.line)),
                    "column": .int(Int64(e.column)), "short": .string(e.short),
                ]))
        }
        m.insertOrReplace(
            key: .string("trace"),
            value: .list(
                trace.map { t in
                    .object([
                        "tool": .string(t.tool), "arguments": t.arguments, "status": .string(t.status.rawValue),
                        "duration_ms": .double(t.durationMilliseconds), "error": t.error.map { .string($0) } ?? .null,
                    ])
                }))
        m.insertOrReplace(
            key: .string("usage"),
            value: .object([
                "tool_calls": .int(Int64(usage.toolCalls)), "cost": .int(Int64(usage.cost)),
                "wall_ms": .double(usage.wallMilliseconds),
            ]))
        return .map(m)
    }
}
