import Foundation

extension AnalyticsStore {
    /// The four tables a run is written to. A batch goes in as multi-row INSERTs (up to `rowsPerStatement`
    /// rows each): SQLite's per-statement work (cursors opened and closed on the table and every index) is paid
    /// once per statement, and the runs get their `seq` from the writer, so children need no `last_insert_rowid`.
    enum InsertTable: Int {
        case run, runWithoutRequestID, llmCall, toolCall, search

        var name: String {
            switch self {
            case .run, .runWithoutRequestID: "runs"
            case .llmCall: "llm_calls"
            case .toolCall: "tool_calls"
            case .search: "searches"
            }
        }

        /// The columns an insert binds, in order (the children's `run_seq` and `ordinal` first).
        var columns: [String] {
            switch self {
            case .run: InsertTable.runWithoutRequestID.columns + ["request_id"]
            case .runWithoutRequestID:
                [
                    "seq", "id", "kind", "started_at", "finished_at", "status", "error_type", "error_message", "query_text",
                    "model", "tools_considered", "plan_text", "repairs", "tool_calls", "prompt_tokens", "completion_tokens",
                    "llm_ms", "tools_ms", "search_ms", "overhead_ms", "api_key_id", "idempotency_key",
                ]
            case .llmCall:
                [
                    "run_seq", "ordinal", "purpose", "model", "started_at", "duration_ms", "status", "error_type",
                    "prompt_tokens", "completion_tokens", "attempts",
                ]
            case .toolCall:
                [
                    "run_seq", "ordinal", "tool", "started_at", "duration_ms", "status", "args_bytes", "result_bytes",
                    "error_type", "error_message",
                ]
            case .search: ["run_seq", "ordinal", "query_text", "k", "results", "started_at", "duration_ms"]
            }
        }

        /// The statement for `rows` rows.
        ///
        /// `OR FAIL`, not the default `ABORT`: a multi-row INSERT that may abort half-way makes SQLite keep a
        /// statement journal (the pages each statement changed, to undo just that statement), which spilled
        /// to a temporary file in `/var/tmp` for every batch: 84% of the writer's `pwrite` calls, and 12% of
        /// its CPU, went there. Nothing needs the statement undone on its own: a failed statement fails the
        /// batch's transaction (rolled back whole) or a run's savepoint (rolled back to), either of which
        /// undoes the rows the statement did insert.
        func sql(rows: Int) -> String {
            let names = columns
            let row = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
            return "INSERT OR FAIL INTO \(name) (" + names.joined(separator: ", ") + ") VALUES "
                + Array(repeating: row, count: rows).joined(separator: ", ")
        }
    }

    /// Rows per INSERT statement (at most; a batch's last statement for a table takes what is left).
    static let rowsPerStatement = 16

    func statement(_ table: InsertTable, rows: Int, _ db: Database) throws -> Statement {
        try db.cached(key: table.rawValue * 1_000 + rows) { table.sql(rows: rows) }
    }

    /// The `seq` the next run gets: what SQLite would give it (one more than the largest), read inside the
    /// batch's write transaction, so no other connection can take it in between.
    static func nextSeq(_ db: Database) throws -> Int64 {
        try db.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM runs").int64 ?? 1
    }

    /// Inserts `runs` (at most ``rowsPerStatement``) with seqs `firstSeq`, `firstSeq + 1`..., and their children.
    /// With ``YieldPace/everyStatement`` it offers the processor before each children's statement (the caller
    /// does before each runs statement).
    func insert(_ runs: ArraySlice<RunRecord>, firstSeq: Int64, pace: YieldPace = .everyChunk, into db: Database) throws {
        guard !runs.isEmpty else { return }
        let keepText = settings.storeQueryText
        try statement(hasRequestID ? .run : .runWithoutRequestID, rows: runs.count, db).execute { p in
            for (offset, run) in runs.enumerated() {
                try p.integer(firstSeq + Int64(offset))
                try p.text(run.id)
                try p.text(run.kind)
                try p.integer(run.startedAt)
                try p.integer(run.finishedAt)
                try p.text(run.status)
                try p.text(run.errorType)
                try p.text(run.errorMessage)
                try p.text(keepText ? run.queryText : nil)
                try p.text(run.model)
                try p.text(JSONText.array(run.toolsConsidered))
                try p.text(run.planText)
                try p.integer(run.repairs)
                try p.integer(run.toolCallCount)
                try p.integer(run.promptTokens)
                try p.integer(run.completionTokens)
                try p.real(run.llmMilliseconds)
                try p.real(run.toolsMilliseconds)
                try p.real(run.searchMilliseconds)
                try p.real(run.overheadMilliseconds)
                try p.text(run.apiKeyID)
                try p.text(run.idempotencyKey)
                if hasRequestID { try p.text(run.requestID) }
            }
        }
        try insertChildren(.llmCall, of: runs, firstSeq: firstSeq, pace: pace, db, children: { $0.llmCalls }) { call, p in
            try p.text(call.purpose)
            try p.text(call.model)
            try p.integer(call.startedAt)
            try p.real(call.durationMilliseconds)
            try p.text(call.status)
            try p.text(call.errorType)
            try p.integer(call.promptTokens)
            try p.integer(call.completionTokens)
            try p.integer(call.attempts)
        }
        try insertChildren(.toolCall, of: runs, firstSeq: firstSeq, pace: pace, db, children: { $0.toolCalls }) { call, p in
            try p.text(call.tool)
            try p.integer(call.startedAt)
            try p.real(call.durationMilliseconds)
            try p.text(call.status)
            try p.integer(call.argumentsBytes)
            try p.integer(call.resultBytes)
            try p.text(call.errorType)
            try p.text(call.errorMessage)
        }
        try insertChildren(.search, of: runs, firstSeq: firstSeq, pace: pace, db, children: { $0.searches }) { search, p in
            try p.text(keepText ? search.queryText : nil)
            try p.integer(search.k)
            try p.text(JSONText.hits(search.results))
            try p.integer(search.startedAt)
            try p.real(search.durationMilliseconds)
        }
    }

    /// Inserts every child of `runs` in `table`, ``rowsPerStatement`` rows a statement: `run_seq` and `ordinal`
    /// first, then the columns `bind` adds.
    private func insertChildren<Child>(
        _ table: InsertTable, of runs: ArraySlice<RunRecord>, firstSeq: Int64, pace: YieldPace, _ db: Database,
        children: (RunRecord) -> [Child], bind: (Child, inout Statement.Parameters) throws -> Void
    ) throws {
        var left = 0
        for run in runs { left += children(run).count }
        // Where the next row comes from: the run (its offset in `runs`) and the child's ordinal in it.
        var runOffset = 0
        var ordinal = 0
        var current = left > 0 ? children(runs[runs.startIndex]) : []
        while left > 0 {
            let count = min(left, Self.rowsPerStatement)
            if pace == .everyStatement { _ = sched_yield() }
            try statement(table, rows: count, db).execute { p in
                for _ in 0..<count {
                    while ordinal == current.count {
                        runOffset += 1
                        ordinal = 0
                        guard runOffset < runs.count else {
                            throw AnalyticsError(.encoding, "a run's \(table) rows changed while they were written")
                        }
                        current = children(runs[runs.startIndex + runOffset])
                    }
                    try p.integer(firstSeq + Int64(runOffset))
                    try p.integer(ordinal)
                    try bind(current[ordinal], &p)
                    ordinal += 1
                }
            }
            left -= count
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
    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
}
