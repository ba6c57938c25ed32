extension Migration {
    /// Version 2: indexes for the per-tool and per-model questions, and the daily rollup views.
    ///
    /// SQLite has no percentile function: p50/p95 are nearest-rank percentiles computed with window
    /// functions (the smallest duration whose rank is at least p × n within the day and tool/model).
    static let v2Rollups = Migration(
        version: 2, name: "rollups",
        sql: """
            CREATE INDEX tool_calls_tool_started ON tool_calls (tool, started_at);
            CREATE INDEX tool_calls_started ON tool_calls (started_at);
            CREATE INDEX llm_calls_model_started ON llm_calls (model, started_at);
            CREATE INDEX llm_calls_started ON llm_calls (started_at);

            CREATE VIEW daily_tool_stats AS
            WITH ranked AS (
                SELECT day, tool, status, duration_ms,
                       ROW_NUMBER() OVER (PARTITION BY day, tool ORDER BY duration_ms) AS rank,
                       COUNT(*) OVER (PARTITION BY day, tool) AS n
                FROM (SELECT date(started_at / 1000, 'unixepoch') AS day, tool, status, duration_ms FROM tool_calls)
            )
            SELECT day, tool,
                   COUNT(*) AS calls,
                   SUM(status <> 'ok') AS errors,
                   ROUND(1.0 * SUM(status <> 'ok') / COUNT(*), 4) AS error_rate,
                   MIN(CASE WHEN rank >= 0.50 * n THEN duration_ms END) AS p50_ms,
                   MIN(CASE WHEN rank >= 0.95 * n THEN duration_ms END) AS p95_ms,
                   ROUND(AVG(duration_ms), 3) AS avg_ms
            FROM ranked
            GROUP BY day, tool;

            CREATE VIEW daily_model_stats AS
            WITH ranked AS (
                SELECT day, model, status, duration_ms, prompt_tokens, completion_tokens,
                       ROW_NUMBER() OVER (PARTITION BY day, model ORDER BY duration_ms) AS rank,
                       COUNT(*) OVER (PARTITION BY day, model) AS n
                FROM (SELECT date(started_at / 1000, 'unixepoch') AS day, model, status, duration_ms,
                             prompt_tokens, completion_tokens
                      FROM llm_calls)
            )
            SELECT day, model,
                   COUNT(*) AS calls,
                   SUM(status <> 'ok') AS errors,
                   ROUND(1.0 * SUM(status <> 'ok') / COUNT(*), 4) AS error_rate,
                   MIN(CASE WHEN rank >= 0.50 * n THEN duration_ms END) AS p50_ms,
                   MIN(CASE WHEN rank >= 0.95 * n THEN duration_ms END) AS p95_ms,
                   SUM(prompt_tokens) AS prompt_tokens,
                   SUM(completion_tokens) AS completion_tokens
            FROM ranked
            GROUP BY day, model;

            CREATE VIEW runs_readable AS
            SELECT id, kind, status,
                   strftime('%Y-%m-%dT%H:%M:%fZ', started_at / 1000.0, 'unixepoch') AS started_utc,
                   finished_at - started_at AS total_ms,
                   model, repairs, tool_calls, prompt_tokens, completion_tokens,
                   llm_ms, tools_ms, search_ms, overhead_ms, error_type, error_message, query_text
            FROM runs;
            """)
}
