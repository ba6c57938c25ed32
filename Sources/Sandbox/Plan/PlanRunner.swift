import Synchronization

/// Runs a plan: checks it against the executor's tools, then schedules its `let`s as a DAG
/// (a statement starts when the lets it names are done; independent ones run concurrently),
/// with every limit enforced and a deadline that cancels work in flight.
public enum PlanRunner {
    struct Compiled {
        var nodes: [AsyncNode]
        var deps: [[Int]]
        var slots: [Int]
        var slotCount: Int
        var positions: [(line: Int, column: Int)]
    }

    static func compile(_ plan: Plan, writes: Set<String>, limits: Limits) throws(SandboxError) -> Compiled {
        var c = Compiler(mode: .plan, limits: limits)
        _ = c.declareGlobal("input")
        var nodes: [AsyncNode] = [], deps: [[Int]] = [], slots: [Int] = [], positions: [(Int, Int)] = []
        var letIndex: [String: Int] = [:]
        var lastWrite: Int? = nil
        for (i, st) in plan.statements.enumerated() {
            nodes.append(try c.compileAsync(st.expr, writes: writes))
            var names = Set<String>()
            Compiler.freeNames(st.expr, into: &names)
            var d = names.compactMap { letIndex[$0] }
            if Compiler.callsWrite(st.expr, writes) {
                if let w = lastWrite { d.append(w) }
                lastWrite = i
            }
            if st.kind == .return { d = Array(0..<i) }  // the return waits for every let (writes included)
            deps.append(Array(Set(d)).sorted())
            positions.append((st.line, st.column))
            if let name = st.name {
                slots.append(c.declareGlobal(name))
                letIndex[name] = i
            } else {
                slots.append(-1)
            }
        }
        return Compiled(nodes: nodes, deps: deps, slots: slots, slotCount: c.slotCount, positions: positions)
    }

    /// Checks and runs `plan`. Never throws: the outcome holds the result or the error, the trace
    /// (partial when the run stopped early) and the usage.
    public static func run(plan: Plan, input: Value = .map(MapValue()), executor: any ToolExecutor, limits: Limits? = nil) async -> PlanOutcome {
        let limits = limits ?? plan.limits
        let start = ContinuousClock.now
        let rt = RunContext(executor: executor, limits: limits, start: start)
        let result: Result<Value, SandboxError>
        do {
            result = .success(try await execute(plan, input, rt, limits))
        } catch {
            result = .failure(error)
        }
        let wall = ContinuousClock.now - start
        let ms = Double(wall.components.seconds) * 1000 + Double(wall.components.attoseconds) / 1e15
        let usage = Usage(
            toolCalls: rt.dispatched.load(ordering: .relaxed), reservedToolCalls: rt.reserved.load(ordering: .relaxed),
            cost: rt.budget.spent.load(ordering: .relaxed), wallMilliseconds: ms)
        return PlanOutcome(result: result, trace: rt.trace, usage: usage)
    }

    static func execute(_ plan: Plan, _ input: Value, _ rt: RunContext, _ limits: Limits) async throws(SandboxError) -> Value {
        let report = PlanChecker(tools: rt.tools, limits: limits).checked(plan)
        if let first = report.errors.first { throw first }
        let writes = rt.tools.writes
        let compiled = try compile(plan, writes: writes, limits: limits)
        let base = EvalContext(slotCount: compiled.slotCount, limits: limits, deadline: rt.deadline, shared: rt.budget)
        base.slots[0] = input

        let n = compiled.nodes.count
        var done = Array(repeating: false, count: n)
        var started = Array(repeating: false, count: n)
        var values = base.slotValues
        do {
            return try await withThrowingTaskGroup(of: (Int, Value)?.self) { group in
                let deadline = rt.deadline
                group.addTask {
                    try await DeadlineWaiter.shared.wait(until: deadline)
                    throw rt.stopError()
                }
                while true {
                    for i in 0..<n where !started[i] && compiled.deps[i].allSatisfy({ done[$0] }) {
                        started[i] = true
                        let ctx = base.fork()
                        ctx.load(values)
                        let node = compiled.nodes[i]
                        let pos = compiled.positions[i]
                        group.addTask {
                            let v = try await node.run(ctx, rt, prereserved: false)
                            try ctx.checkpoint()
                            if !v.isError { try ctx.checkValue(v, line: pos.line, column: pos.column) }
                            return (i, v)
                        }
                    }
                    guard let next = try await group.next() else { throw rt.stopError() }
                    guard let (i, v) = next else { continue }
                    done[i] = true
                    if compiled.slots[i] >= 0 { values[compiled.slots[i]] = v }
                    if i == n - 1 {
                        group.cancelAll()
                        if case .error(let e) = v {
                            throw SandboxError(e.kind == .tool ? .tool : .evaluation, e.message, line: e.line, column: e.column)
                        }
                        return v
                    }
                }
            }
        } catch let e as SandboxError {
            throw e
        } catch {
            throw rt.stopError()
        }
    }
}

extension PlanChecker {
    fileprivate func checked(_ plan: Plan) -> CheckReport {
        var copy = self
        return copy.check(plan)
    }
}
