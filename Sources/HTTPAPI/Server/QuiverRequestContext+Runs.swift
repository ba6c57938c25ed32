public import Analytics

extension QuiverRequestContext {
    /// Starts the analytics record of this request: a fresh run id, the request id and the API key id
    /// (never the key) filled in, started at `startedAt` (unix ms; default now). Fill it as the request
    /// proceeds and pass `builder.finished(...)` to ``RunRecorder/record(_:limitExceeded:)`` at the end.
    public func startRun(
        kind: String, queryText: String? = nil, idempotencyKey: String? = nil, startedAt: Int64? = nil
    ) -> RunRecordBuilder {
        let startedAt = startedAt ?? RunRecordBuilder.nowMilliseconds()
        return RunRecordBuilder(
            id: RunRecordBuilder.newRunID(startedAt: startedAt), kind: kind, startedAt: startedAt, queryText: queryText,
            apiKeyID: apiKeyID, idempotencyKey: idempotencyKey, requestID: requestID.isEmpty ? nil : requestID)
    }
}
