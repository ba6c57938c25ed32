import Synchronization

/// Shared state of one plan run: tool-call reservations, the concurrency gate, write ordering,
/// per-call timeouts, the deadline and the trace.
final class RunContext: Sendable {
    let executor: any ToolExecutor
    /// The executor's tools, taken once per run.
    let tools: ToolTable
    let limits: Limits
    let start: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    let budget = SharedBudget()
    let reserved = Atomic<Int>(0)
    let dispatched = Atomic<Int>(0)
    private let gate: Gate
    private let writes = Gate(permits: 1)
    private let traceEntries = Mutex<[(seq: Int, entry: TraceEntry)]>([])
    private let sequence = Atomic<Int>(0)

    init(executor: any ToolExecutor, limits: Limits, start: ContinuousClock.Instant) {
        self.executor = executor
        tools = executor.toolTable
        self.limits = limits
        self.start = start
        deadline = start.advanced(by: .milliseconds(limits.deadlineMilliseconds))
        gate = Gate(permits: limits.maxConcurrentCalls)
    }

    var trace: [TraceEntry] { traceEntries.withLock { $0.sorted { $0.seq < $1.seq }.map(\.entry) } }

    /// Reserves `n` tool calls before dispatch; throws when the plan would exceed `maxToolCalls`.
    func reserve(_ n: Int, line: Int, column: Int) throws(SandboxError) {
        guard n > 0 else { return }
        let before = reserved.add(n, ordering: .relaxed).oldValue
        if before + n > limits.maxToolCalls {
            throw .limit(
                "maxToolCalls", "tool calls would reach \(before + n), over the limit of \(limits.maxToolCalls)",
                line: line, column: column)
        }
    }

    /// The error to report when work stops: deadline if it passed, otherwise cancellation.
    func stopError() -> SandboxError {
        if ContinuousClock.now >= deadline {
            return SandboxError(
                .deadline, "deadline exceeded: the limit deadlineMilliseconds is \(limits.deadlineMilliseconds) ms",
                limit: "deadlineMilliseconds")
        }
        return SandboxError(.cancelled, "plan run cancelled")
    }

    func checkRunning() throws(SandboxError) {
        if Task.isCancelled || ContinuousClock.now >= deadline { throw stopError() }
    }

    /// Dispatches one call (already reserved). Tool failures and timeouts come back as error values.
    func call(tool: String, arguments: Value, line: Int, column: Int) async throws(SandboxError) -> Value {
        try checkRunning()
        let effect = tools[tool]?.effect ?? .read
        // Writes queue for their turn before taking a concurrency permit, so waiting writes hold none.
        if effect == .write {
            do { try await writes.acquire() } catch { throw stopError() }
        }
        defer { if effect == .write { writes.release() } }
        do { try await gate.acquire() } catch { throw stopError() }
        defer { gate.release() }
        try checkRunning()
        let seq = sequence.add(1, ordering: .relaxed).oldValue
        dispatched.add(1, ordering: .relaxed)
        let call = ToolCall(tool: tool, arguments: arguments, effect: effect, line: line, column: column)
        let t0 = ContinuousClock.now
        let timeout = limits.callTimeoutMilliseconds
        let executor = self.executor
        let result: Result<Value, any Error>? = await withTaskGroup(of: Result<Value, any Error>?.self) { g in
            g.addTask {
                do { return .success(try await executor.call(call)) } catch { return .failure(error) }
            }
            g.addTask {
                try? await DeadlineWaiter.shared.wait(for: .milliseconds(timeout))
                return nil
            }
            let first = await g.next() ?? nil
            g.cancelAll()
            return first
        }
        let ms = Double((ContinuousClock.now - t0).components.attoseconds) / 1e15 + Double((ContinuousClock.now - t0).components.seconds) * 1000
        func record(_ status: TraceEntry.Status, _ error: String?) {
            let entry = TraceEntry(
                tool: tool, arguments: arguments, status: status, durationMilliseconds: ms, error: error, line: line, column: column)
            traceEntries.withLock { $0.append((seq, entry)) }
        }
        if Task.isCancelled || ContinuousClock.now >= deadline {
            record(.cancelled, "cancelled")
            throw stopError()
        }
        switch result {
        case .none:
            let msg = "tool '\(tool)' timed out after \(timeout) ms (limit callTimeoutMilliseconds)"
            record(.timeout, msg)
            return .error(EvalError(.tool, msg, line: line, column: column))
        case .some(.failure(let e)):
            let msg: String
            if let f = e as? ToolFailure { msg = f.message } else { msg = String(describing: e) }
            record(.error, msg)
            return .error(EvalError(.tool, "tool '\(tool)' failed: \(msg)", line: line, column: column))
        case .some(.success(let v)):
            let size = v.estimatedSize(limit: limits.maxValueBytes)
            if size > limits.maxValueBytes {
                let msg = "tool '\(tool)' returned about \(size) bytes, over the limit maxValueBytes of \(limits.maxValueBytes)"
                record(.error, msg)
                throw .limit("maxValueBytes", msg, line: line, column: column)
            }
            record(.ok, nil)
            return v
        }
    }
}
