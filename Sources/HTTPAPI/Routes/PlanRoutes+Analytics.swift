import Analytics
import Sandbox

extension PlanRoutes {
    /// Records a finished `/v1/plans/run` (after its response is built): the plan text, every tool call of
    /// the trace, the plan's wall time as the tool stage, and the error (with the sandbox limit that stopped
    /// it, for `quiver_sandbox_limit_exceeded_total`).
    static func record(_ started: RunRecordBuilder, source: String, result: PlanService.RunResult, with recorder: RunRecorder) async {
        guard recorder.isEnabled else { return }
        var run = started
        run.plan(source)
        let now = RunRecordBuilder.nowMilliseconds()
        let error: SandboxError?
        switch result {
        case .rejected(let errors):
            error = errors.first
        case .ran(let outcome):
            let startedAt = started.startedAt
            run.reserveToolCalls(outcome.trace.count)
            for entry in outcome.trace {
                run.toolCall(
                    ToolCallRecord(
                        tool: entry.tool, startedAt: startedAt, durationMilliseconds: entry.durationMilliseconds, status: entry.status.rawValue,
                        errorType: entry.status == .ok ? nil : entry.status.rawValue, errorMessage: entry.error))
            }
            if outcome.usage.wallMilliseconds.isFinite, outcome.usage.wallMilliseconds >= 0 {
                run.toolStage(milliseconds: outcome.usage.wallMilliseconds)
            }
            error = outcome.error
        }
        let record = run.finished(
            at: now, status: error == nil ? "ok" : "error", errorType: error.map { $0.kind.rawValue }, errorMessage: error?.message)
        await recorder.record(record, limitExceeded: error?.kind == .limit ? error?.limit : nil)
    }
}
