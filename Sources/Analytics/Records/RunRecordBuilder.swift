/// Collects what happens during one request and produces its ``RunRecord``. Totals are derived from the
/// children so they always agree with them: tokens and LLM time are sums over the LLM calls, repairs count
/// the `repair` calls, search time sums the searches, and overhead is what is left of the total.
public struct RunRecordBuilder: Sendable {
    private var run: RunRecord
    /// Wall-clock time of the tool stage, when tools ran concurrently (a sum would overstate it).
    private var toolsWallMilliseconds: Double?

    public init(
        id: String, kind: String, startedAt: Int64, queryText: String? = nil, apiKeyID: String? = nil, idempotencyKey: String? = nil,
        requestID: String? = nil
    ) {
        run = RunRecord(
            id: id, kind: kind, startedAt: startedAt, status: "running", queryText: queryText, apiKeyID: apiKeyID,
            idempotencyKey: idempotencyKey, requestID: requestID)
    }

    /// When the run started (unix ms UTC).
    public var startedAt: Int64 { run.startedAt }
    public var id: String { run.id }

    public mutating func considered(tools: [String]) { run.toolsConsidered = tools }

    /// The plan that was run (the last one, after repairs).
    public mutating func plan(_ text: String) { run.planText = text }

    public mutating func llmCall(_ call: LLMCallRecord) {
        run.llmCalls.append(call)
        if run.model == nil { run.model = call.model }
    }

    public mutating func toolCall(_ call: ToolCallRecord) { run.toolCalls.append(call) }

    /// Room for `count` more tool calls, when the caller knows how many it will add (one allocation).
    public mutating func reserveToolCalls(_ count: Int) { run.toolCalls.reserveCapacity(run.toolCalls.count + max(0, count)) }

    public mutating func search(_ search: SearchRecord) { run.searches.append(search) }

    /// The tool stage's wall-clock time (the plan's DAG may run calls in parallel).
    public mutating func toolStage(milliseconds: Double) { toolsWallMilliseconds = milliseconds }

    /// The finished run. `status` is `ok` or `error`.
    public func finished(at finishedAt: Int64, status: String, errorType: String? = nil, errorMessage: String? = nil) -> RunRecord {
        var out = run
        out.finishedAt = finishedAt
        out.status = status
        out.errorType = errorType
        out.errorMessage = errorMessage
        out.promptTokens = run.llmCalls.reduce(0) { $0 &+ $1.promptTokens }
        out.completionTokens = run.llmCalls.reduce(0) { $0 &+ $1.completionTokens }
        out.repairs = run.llmCalls.filter { $0.purpose == "repair" }.count
        out.toolCallCount = run.toolCalls.count
        out.llmMilliseconds = run.llmCalls.reduce(0) { $0 + $1.durationMilliseconds }
        out.searchMilliseconds = run.searches.reduce(0) { $0 + $1.durationMilliseconds }
        out.toolsMilliseconds = toolsWallMilliseconds ?? run.toolCalls.reduce(0) { $0 + $1.durationMilliseconds }
        let total = Double(finishedAt &- run.startedAt)
        out.overheadMilliseconds = max(0, total - out.llmMilliseconds - out.toolsMilliseconds - out.searchMilliseconds)
        return out
    }
}
