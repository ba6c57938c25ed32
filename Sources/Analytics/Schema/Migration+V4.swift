extension Migration {
    /// Version 4: fewer index entries per run, for a cheaper writer (every entry is a B-tree insert on each run).
    ///
    /// - `tool_calls_started` and `llm_calls_started` go: a time range over all tools (or models) is served by
    ///   `(tool, started_at)` and `(model, started_at)` with a skip-scan, which SQLite plans once `ANALYZE` has
    ///   counted how few distinct tools there are (the store refreshes those statistics at open and after
    ///   each retention pass).
    /// - `runs_status_started (status, started_at, id)` becomes `runs_failed (started_at, id) WHERE status <> 'ok'`:
    ///   only failed runs get an entry. Listing `ok` runs walks `runs_started` (nearly every run is `ok`);
    ///   listing failed ones, and the error queries, use the partial index.
    static let v4LeanIndexes = Migration(
        version: 4, name: "lean_indexes",
        sql: """
            DROP INDEX tool_calls_started;
            DROP INDEX llm_calls_started;
            DROP INDEX runs_status_started;
            CREATE INDEX runs_failed ON runs (started_at, id) WHERE status <> 'ok';
            """)
}
