import Identifiers
import Testing

@testable import Analytics

@Suite struct RunRecordBuilderTests {
    /// Routes take the start time first and build the run after the work (see `PlanRoutes`): the id still
    /// carries the start time, so ids sort in start order.
    @Test func aRunIDCarriesTheGivenStartTime() {
        let id = RunRecordBuilder.newRunID(startedAt: 1_700_000_000_123)
        #expect(TimeOrderedID.milliseconds(of: id, prefix: "run_") == 1_700_000_000_123)
        #expect(RunRecordBuilder.newRunID(startedAt: 1_700_000_000_123) != id)
        // A negative start (a clock before 1970) falls back to the clock rather than trapping on the conversion.
        // The clock the fallback reads (it truncates to the millisecond; `RunRecordBuilder.nowMilliseconds()` rounds).
        let before = TimeOrderedID.nowMilliseconds()
        let fallback = TimeOrderedID.milliseconds(of: RunRecordBuilder.newRunID(startedAt: -5), prefix: "run_")
        #expect(fallback.map { $0 >= before } == true)
    }

    @Test func totalsComeFromTheChildren() {
        var builder = RunRecordBuilder(id: "r1", kind: "query", startedAt: 1_000, queryText: "q", apiKeyID: "k1")
        builder.search(SearchRecord(queryText: "q", k: 3, results: [], startedAt: 1_001, durationMilliseconds: 2))
        builder.considered(tools: ["a", "b"])
        builder.llmCall(
            LLMCallRecord(
                purpose: "plan", model: "m", startedAt: 1_003, durationMilliseconds: 100, status: "ok", promptTokens: 500, completionTokens: 40))
        builder.llmCall(
            LLMCallRecord(
                purpose: "repair", model: "m", startedAt: 1_103, durationMilliseconds: 50, status: "ok", promptTokens: 600, completionTokens: 30))
        builder.plan("a()")
        builder.toolCall(ToolCallRecord(tool: "a", startedAt: 1_160, durationMilliseconds: 30, status: "ok"))
        builder.toolCall(ToolCallRecord(tool: "b", startedAt: 1_160, durationMilliseconds: 20, status: "ok"))
        builder.toolStage(milliseconds: 31)  // a and b ran side by side
        let run = builder.finished(at: 1_200, status: "ok")
        #expect(run.model == "m" && run.repairs == 1 && run.toolCallCount == 2)
        #expect(run.promptTokens == 1_100 && run.completionTokens == 70)
        #expect(run.llmMilliseconds == 150 && run.toolsMilliseconds == 31 && run.searchMilliseconds == 2)
        #expect(run.overheadMilliseconds == 17)  // 200 - 150 - 31 - 2
        #expect(run.finishedAt == 1_200 && run.status == "ok" && run.planText == "a()" && run.toolsConsidered == ["a", "b"])
    }

    @Test func overheadNeverGoesNegativeAndToolTimeDefaultsToTheSum() {
        var builder = RunRecordBuilder(id: "r2", kind: "plan_run", startedAt: 0)
        builder.toolCall(ToolCallRecord(tool: "a", startedAt: 0, durationMilliseconds: 30, status: "error", errorType: "timeout"))
        let run = builder.finished(at: 10, status: "error", errorType: "tool_error", errorMessage: "a timed out")
        #expect(run.toolsMilliseconds == 30 && run.overheadMilliseconds == 0)
        #expect(run.errorType == "tool_error" && run.model == nil && run.repairs == 0)
    }
}
