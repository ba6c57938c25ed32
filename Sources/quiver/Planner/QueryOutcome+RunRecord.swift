import Analytics
import Orchestrator
import Sandbox
import SandboxJSON

#if canImport(Glibc)
import Glibc
#endif

extension RunRecord {
    /// The analytics record of a finished query (`kind` `query` or `chat`), for `QueryService.onFinished`.
    /// Times are unix milliseconds; the run started `usage.totalMilliseconds` before `finishedAt`.
    init(outcome: QueryOutcome, kind: String, request: QueryRequest, apiKeyID: String?, finishedAt: Int64 = RunRecord.nowMilliseconds(),
         storeQueryText: Bool = true) {
        let startedAt = finishedAt - Int64(outcome.usage.totalMilliseconds.rounded())
        var builder = RunRecordBuilder(
            id: outcome.runID, kind: kind, startedAt: startedAt, queryText: storeQueryText ? request.query : nil, apiKeyID: apiKeyID)
        builder.considered(tools: outcome.toolsConsidered.map(\.name))
        if let plan = outcome.plan { builder.plan(plan) }
        for call in outcome.modelCalls {
            builder.llmCall(LLMCallRecord(
                purpose: call.purpose, model: call.model, startedAt: startedAt + Int64(call.startedAtMilliseconds.rounded()),
                durationMilliseconds: call.durationMilliseconds, status: call.ok ? "ok" : "error", errorType: call.ok ? nil : "llm_error",
                promptTokens: call.promptTokens, completionTokens: call.completionTokens, attempts: call.attempts))
        }
        for entry in outcome.trace {
            builder.toolCall(ToolCallRecord(
                tool: entry.tool, startedAt: startedAt, durationMilliseconds: entry.durationMilliseconds, status: entry.status.rawValue,
                argumentsBytes: SandboxJSON.JSONValue.serialize(entry.arguments).utf8.count, errorMessage: entry.error))
        }
        builder.search(SearchRecord(
            queryText: storeQueryText ? request.query : nil, k: request.k ?? outcome.toolsConsidered.count,
            results: outcome.toolsConsidered.map { SearchRecord.Hit(tool: $0.name, score: $0.score) }, startedAt: startedAt,
            durationMilliseconds: outcome.usage.searchMilliseconds))
        builder.toolStage(milliseconds: outcome.usage.toolsMilliseconds)
        self = builder.finished(
            at: finishedAt, status: outcome.error == nil ? "ok" : "error", errorType: outcome.error?.code.rawValue,
            errorMessage: outcome.error?.message)
    }

    static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
