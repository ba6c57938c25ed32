extension Migration {
    /// Version 3: `runs.request_id`, the `X-Request-Id` of the HTTP request that made the run (to join a run
    /// with the access log). The run id stays server-generated and unique; a client may reuse a request id.
    static let v3RequestID = Migration(
        version: 3, name: "request_id",
        sql: """
            ALTER TABLE runs ADD COLUMN request_id TEXT;
            CREATE INDEX runs_request ON runs (request_id) WHERE request_id IS NOT NULL;
            """)
}
