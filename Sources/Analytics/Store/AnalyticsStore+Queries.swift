import Synchronization

extension AnalyticsStore {
    static let runColumns = """
        seq, id, kind, started_at, finished_at, status, error_type, error_message, query_text, model, tools_considered,
        plan_text, repairs, tool_calls, prompt_tokens, completion_tokens, llm_ms, tools_ms, search_ms, overhead_ms,
        api_key_id, idempotency_key, request_id
        """

    /// A page of runs, newest first, filtered by status and start time; keyset pagination over (started_at, id).
    public func listRuns(_ query: RunListQuery) throws(AnalyticsError) -> RunPage {
        guard query.limit >= 1, query.limit <= settings.maxPageSize else {
            throw AnalyticsError.limitExceeded("limit (runs per page, 1...\(settings.maxPageSize))", limit: settings.maxPageSize, amount: query.limit)
        }
        let cursor = try query.cursor.map { (text) throws(AnalyticsError) in try RunCursor(decoding: text) }
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let status = query.status {
            conditions.append("status = ?")
            arguments.append(.text(status))
            // Spelled out so that SQLite picks the partial index of failed runs (`runs_failed`).
            if status != "ok" { conditions.append("status <> 'ok'") }
        }
        if let since = query.since {
            conditions.append("started_at >= ?")
            arguments.append(.integer(since))
        }
        if let cursor {
            conditions.append("(started_at, id) < (?, ?)")
            arguments += [.integer(cursor.startedAt), .text(cursor.id)]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(Self.runColumns) FROM runs \(filter) ORDER BY started_at DESC, id DESC LIMIT ?"
        arguments.append(.int(query.limit + 1))
        do {
            let rows = try readConnection.withLock { db in try db.query(sql, arguments) }
            let runs = try rows.prefix(query.limit).map { row in try Self.run(from: row).record }
            var next: String?
            if rows.count > query.limit, let last = runs.last {
                next = RunCursor(startedAt: last.startedAt, id: last.id).encoded
            }
            return RunPage(runs: runs, nextCursor: next)
        } catch {
            throw AnalyticsError.wrap(error, "listing runs")
        }
    }

    /// One run with its LLM calls, tool calls and searches in order; nil when there is no such run.
    public func run(id: String) throws(AnalyticsError) -> RunRecord? {
        do {
            return try readConnection.withLock { db -> RunRecord? in
                let rows = try db.query("SELECT \(Self.runColumns) FROM runs WHERE id = ?", [.text(id)])
                guard let row = rows.first else { return nil }
                let (seq, record) = try Self.run(from: row)
                var run = record
                run.llmCalls = try db.query(
                    """
                    SELECT purpose, model, started_at, duration_ms, status, error_type, prompt_tokens, completion_tokens, attempts
                    FROM llm_calls WHERE run_seq = ? ORDER BY ordinal
                    """, [.integer(seq)]
                ).map { r in
                    LLMCallRecord(
                        purpose: r[0].string ?? "", model: r[1].string ?? "", startedAt: r[2].int64 ?? 0,
                        durationMilliseconds: r[3].double ?? 0, status: r[4].string ?? "", errorType: r[5].string,
                        promptTokens: Self.int(r[6]), completionTokens: Self.int(r[7]), attempts: Self.int(r[8]))
                }
                run.toolCalls = try db.query(
                    """
                    SELECT tool, started_at, duration_ms, status, args_bytes, result_bytes, error_type, error_message
                    FROM tool_calls WHERE run_seq = ? ORDER BY ordinal
                    """, [.integer(seq)]
                ).map { r in
                    ToolCallRecord(
                        tool: r[0].string ?? "", startedAt: r[1].int64 ?? 0, durationMilliseconds: r[2].double ?? 0,
                        status: r[3].string ?? "", argumentsBytes: Self.int(r[4]), resultBytes: Self.int(r[5]),
                        errorType: r[6].string, errorMessage: r[7].string)
                }
                run.searches = try db.query(
                    "SELECT query_text, k, results, started_at, duration_ms FROM searches WHERE run_seq = ? ORDER BY ordinal",
                    [.integer(seq)]
                ).map { r in
                    SearchRecord(
                        queryText: r[0].string, k: Self.int(r[1]),
                        results: try Self.decode([SearchRecord.Hit].self, r[2].string, field: "searches.results") ?? [],
                        startedAt: r[3].int64 ?? 0, durationMilliseconds: r[4].double ?? 0)
                }
                return run
            }
        } catch {
            throw AnalyticsError.wrap(error, "reading run \(id)")
        }
    }

    static func int(_ value: SQLValue) -> Int { Int(truncatingIfNeeded: value.int64 ?? 0) }

    static func run(from r: [SQLValue]) throws -> (seq: Int64, record: RunRecord) {
        guard r.count == 23 else { throw AnalyticsError(.encoding, "runs row has \(r.count) columns, expected 23") }
        let record = RunRecord(
            id: r[1].string ?? "", kind: r[2].string ?? "", startedAt: r[3].int64 ?? 0, finishedAt: r[4].int64,
            status: r[5].string ?? "", errorType: r[6].string, errorMessage: r[7].string, queryText: r[8].string,
            model: r[9].string, toolsConsidered: try decode([String].self, r[10].string, field: "runs.tools_considered") ?? [],
            planText: r[11].string, repairs: int(r[12]), toolCallCount: int(r[13]), promptTokens: int(r[14]),
            completionTokens: int(r[15]), llmMilliseconds: r[16].double ?? 0, toolsMilliseconds: r[17].double ?? 0,
            searchMilliseconds: r[18].double ?? 0, overheadMilliseconds: r[19].double ?? 0, apiKeyID: r[20].string,
            idempotencyKey: r[21].string, requestID: r[22].string)
        return (r[0].int64 ?? 0, record)
    }
}
