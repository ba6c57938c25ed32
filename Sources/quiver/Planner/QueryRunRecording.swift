import Analytics
import HTTPAPI
import Orchestrator

/// `QueryService.onFinished` for analytics: each finished `/v1/query` or chat run becomes a `runs` row
/// (from the outcome: model calls, tool-call trace, ranking, usage) with the request's id (task-local, set
/// by `RequestIDMiddleware`) and the API key id.
///
/// The hook is synchronous, so the record is handed to the writer from a child task: the response never
/// waits for it, even with durability `full` (there, only plan runs wait for their commit).
enum QueryRunRecording {
    static func hook(_ recorder: RunRecorder, storeQueryText: Bool)
        -> @Sendable (String, QueryRequest, QueryOutcome, String?) -> Void
    {
        guard recorder.isEnabled else { return { _, _, _, _ in } }
        return { kind, request, outcome, apiKeyID in
            var record = RunRecord(outcome: outcome, kind: kind, request: request, apiKeyID: apiKeyID, storeQueryText: storeQueryText)
            record.requestID = RequestTaskLocals.requestID
            if record.id.isEmpty { record.id = RunRecordBuilder.newRunID() }
            let limit = outcome.error?.limit
            Task { await recorder.record(record, limitExceeded: limit) }
        }
    }
}
