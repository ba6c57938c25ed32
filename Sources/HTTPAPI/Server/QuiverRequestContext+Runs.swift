public import Analytics

extension QuiverRequestContext {
    /// Starts the analytics record of this request: a fresh run id, the request id and the API key id
    /// (never the key) filled in, started now. Fill it as the request proceeds and pass
    /// `builder.finished(...)` to ``RunRecorder/record(_:limitExceeded:)`` at the end.
    public func startRun(kind: String, queryText: String? = nil, idempotencyKey: String? = nil) -> RunRecordBuilder {
        RunRecordBuilder(
            id: RunRecordBuilder.newRunID(), kind: kind, startedAt: RunRecordBuilder.nowMilliseconds(), queryText: queryText,
            apiKeyID: apiKeyID, idempotencyKey: idempotencyKey, requestID: requestID.isEmpty ? nil : requestID)
    }
}
