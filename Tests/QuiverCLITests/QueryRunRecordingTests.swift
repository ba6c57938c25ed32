import Analytics
import Foundation
import HTTPAPI
import Logging
import Orchestrator
import Testing

@testable import quiver

/// `/v1/query`'s analytics hook: a finished outcome becomes a run with the task-local request id and the
/// key id, and no query text when `analytics.store_query_text` is off.
@Suite struct QueryRunRecordingTests {
    @Test func anOutcomeIsRecordedWithTheRequestIDAndWithoutQueryText() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-qrr-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try AnalyticsStore(settings: AnalyticsSettings(path: path + "/analytics.db"))
        let writer = AnalyticsWriter(store: store, logger: Logger(label: "test"))
        let writing = Task { try await writer.run() }
        let hook = QueryRunRecording.hook(RunRecorder(writer: writer, metrics: nil), storeQueryText: false)
        var outcome = QueryOutcome(runID: "run_query_1")
        outcome.plan = "return 1;"
        outcome.usage.totalMilliseconds = 12
        RequestTaskLocals.$requestID.withValue("req-q1") {
            hook("query", QueryRequest(query: "a private question"), outcome, "key_abc")
        }
        var run: RunRecord?
        for _ in 0..<200 {
            run = try store.run(id: "run_query_1")
            if run != nil { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let recorded = try #require(run)
        #expect(recorded.kind == "query")
        #expect(recorded.requestID == "req-q1")
        #expect(recorded.apiKeyID == "key_abc")
        #expect(recorded.queryText == nil)
        #expect(recorded.planText == "return 1;")
        #expect(recorded.status == "ok")
        writer.finish()
        try await writing.value
    }
}
