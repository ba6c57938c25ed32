extension Migration {
    /// Version 1: the four analyst tables and the indexes for listing runs and joining children.
    ///
    /// Times are unix milliseconds (UTC) in INTEGER columns: durations are a subtraction, ranges use the
    /// index directly, and `datetime(started_at / 1000, 'unixepoch')` shows them as text in the shell.
    /// Children point at `runs.seq` (the integer rowid), not the text id: 8 bytes instead of 36 per row.
    static let v1Tables = Migration(
        version: 1, name: "tables",
        sql: """
            CREATE TABLE runs (
                seq               INTEGER PRIMARY KEY,
                id                TEXT    NOT NULL UNIQUE,
                kind              TEXT    NOT NULL,
                started_at        INTEGER NOT NULL,
                finished_at       INTEGER,
                status            TEXT    NOT NULL,
                error_type        TEXT,
                error_message     TEXT,
                query_text        TEXT,
                model             TEXT,
                tools_considered  TEXT,
                plan_text         TEXT,
                repairs           INTEGER NOT NULL DEFAULT 0,
                tool_calls        INTEGER NOT NULL DEFAULT 0,
                prompt_tokens     INTEGER NOT NULL DEFAULT 0,
                completion_tokens INTEGER NOT NULL DEFAULT 0,
                llm_ms            REAL    NOT NULL DEFAULT 0,
                tools_ms          REAL    NOT NULL DEFAULT 0,
                search_ms         REAL    NOT NULL DEFAULT 0,
                overhead_ms       REAL    NOT NULL DEFAULT 0,
                api_key_id        TEXT,
                idempotency_key   TEXT
            );
            CREATE INDEX runs_started ON runs (started_at, id);
            CREATE INDEX runs_status_started ON runs (status, started_at, id);
            CREATE INDEX runs_idempotency ON runs (idempotency_key) WHERE idempotency_key IS NOT NULL;

            CREATE TABLE llm_calls (
                seq               INTEGER PRIMARY KEY,
                run_seq           INTEGER NOT NULL REFERENCES runs (seq),
                ordinal           INTEGER NOT NULL,
                purpose           TEXT    NOT NULL,
                model             TEXT    NOT NULL,
                started_at        INTEGER NOT NULL,
                duration_ms       REAL    NOT NULL,
                status            TEXT    NOT NULL,
                error_type        TEXT,
                prompt_tokens     INTEGER NOT NULL DEFAULT 0,
                completion_tokens INTEGER NOT NULL DEFAULT 0,
                attempts          INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX llm_calls_run ON llm_calls (run_seq);

            CREATE TABLE tool_calls (
                seq           INTEGER PRIMARY KEY,
                run_seq       INTEGER NOT NULL REFERENCES runs (seq),
                ordinal       INTEGER NOT NULL,
                tool          TEXT    NOT NULL,
                started_at    INTEGER NOT NULL,
                duration_ms   REAL    NOT NULL,
                status        TEXT    NOT NULL,
                args_bytes    INTEGER NOT NULL DEFAULT 0,
                result_bytes  INTEGER NOT NULL DEFAULT 0,
                error_type    TEXT,
                error_message TEXT
            );
            CREATE INDEX tool_calls_run ON tool_calls (run_seq);

            CREATE TABLE searches (
                seq         INTEGER PRIMARY KEY,
                run_seq     INTEGER NOT NULL REFERENCES runs (seq),
                ordinal     INTEGER NOT NULL,
                query_text  TEXT,
                k           INTEGER NOT NULL,
                results     TEXT    NOT NULL,
                started_at  INTEGER NOT NULL,
                duration_ms REAL    NOT NULL
            );
            CREATE INDEX searches_run ON searches (run_seq);
            """)
}
