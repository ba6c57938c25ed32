import Foundation

extension AnalyticsStore {
    static let insertRun = """
        INSERT INTO runs (id, kind, started_at, finished_at, status, error_type, error_message, query_text, model,
            tools_considered, plan_text, repairs, tool_calls, prompt_tokens, completion_tokens, llm_ms, tools_ms,
            search_ms, overhead_ms, api_key_id, idempotency_key, request_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertLLMCall = """
        INSERT INTO llm_calls (run_seq, ordinal, purpose, model, started_at, duration_ms, status, error_type,
            prompt_tokens, completion_tokens, attempts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertToolCall = """
        INSERT INTO tool_calls (run_seq, ordinal, tool, started_at, duration_ms, status, args_bytes, result_bytes,
            error_type, error_message)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertSearch = """
        INSERT INTO searches (run_seq, ordinal, query_text, k, results, started_at, duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    /// The run insert of schema version 2 (no `request_id`), for stores opened at an older version.
    static let insertRunV2 = insertRun.replacingOccurrences(of: ", request_id)", with: ")")
        .replacingOccurrences(of: "?, ?)", with: "?)")

    /// The four insert statements, looked up once per batch (the connection's cache is keyed by SQL text,
    /// whose hash is a measurable share of a row's cost).
    struct InsertStatements {
        let run: Statement
        let llmCall: Statement
        let toolCall: Statement
        let search: Statement

        init(_ db: Database, hasRequestID: Bool) throws {
            run = try db.cached(hasRequestID ? AnalyticsStore.insertRun : AnalyticsStore.insertRunV2)
            llmCall = try db.cached(AnalyticsStore.insertLLMCall)
            toolCall = try db.cached(AnalyticsStore.insertToolCall)
            search = try db.cached(AnalyticsStore.insertSearch)
        }
    }

    func insert(_ run: RunRecord, with statements: InsertStatements, into db: Database) throws {
        let keepText = settings.storeQueryText
        var values: [SQLValue] = [
                .text(run.id), .text(run.kind), .integer(run.startedAt), .optional(run.finishedAt), .text(run.status),
                .optional(run.errorType), .optional(run.errorMessage), keepText ? .optional(run.queryText) : .null,
                .optional(run.model), .text(JSONText.array(run.toolsConsidered)), .optional(run.planText),
                .int(run.repairs), .int(run.toolCallCount), .int(run.promptTokens), .int(run.completionTokens),
                .real(run.llmMilliseconds), .real(run.toolsMilliseconds), .real(run.searchMilliseconds),
                .real(run.overheadMilliseconds), .optional(run.apiKeyID), .optional(run.idempotencyKey),
            ]
        if hasRequestID { values.append(.optional(run.requestID)) }
        try statements.run.execute(values)
        let runSeq = db.lastInsertRowID
        for (ordinal, call) in run.llmCalls.enumerated() {
            try statements.llmCall.execute([
                .integer(runSeq), .int(ordinal), .text(call.purpose), .text(call.model), .integer(call.startedAt),
                .real(call.durationMilliseconds), .text(call.status), .optional(call.errorType),
                .int(call.promptTokens), .int(call.completionTokens), .int(call.attempts),
            ])
        }
        for (ordinal, call) in run.toolCalls.enumerated() {
            try statements.toolCall.execute([
                .integer(runSeq), .int(ordinal), .text(call.tool), .integer(call.startedAt),
                .real(call.durationMilliseconds), .text(call.status), .int(call.argumentsBytes),
                .int(call.resultBytes), .optional(call.errorType), .optional(call.errorMessage),
            ])
        }
        for (ordinal, search) in run.searches.enumerated() {
            try statements.search.execute([
                .integer(runSeq), .int(ordinal), keepText ? .optional(search.queryText) : .null, .int(search.k),
                .text(JSONText.hits(search.results)), .integer(search.startedAt), .real(search.durationMilliseconds),
            ])
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?, field: String) throws -> T? {
        guard let text else { return nil }
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw AnalyticsError(.encoding, "\(field) holds invalid JSON: \(error)")
        }
    }
}

extension SQLValue {
    static func optional(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    static func optional(_ value: Int64?) -> SQLValue { value.map { .integer($0) } ?? .null }
    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
}
