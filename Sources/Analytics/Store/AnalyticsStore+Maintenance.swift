import Synchronization

extension AnalyticsStore {
    /// Deletes at most `batchSize` runs started before `cutoff` (unix ms) and their children, in one
    /// short transaction. Returns how many runs were deleted; call again until it returns 0.
    public func deleteRuns(startedBefore cutoff: Int64, batchSize: Int) throws(AnalyticsError) -> Int {
        guard batchSize >= 1 else { throw AnalyticsError.limitExceeded("retention batch size", limit: 1, amount: batchSize) }
        do {
            return try writeConnection.withLock { db in
                defer { checkpointIfDue(db) }
                return try db.transaction {
                    let seqs = try db.query(
                        "SELECT seq FROM runs WHERE started_at < ? ORDER BY started_at LIMIT ?",
                        [.integer(cutoff), .int(batchSize)])
                    guard !seqs.isEmpty else { return 0 }
                    // Children first (foreign keys are on); the seqs go in as a JSON array bound once.
                    let list = "[" + seqs.compactMap { $0.first?.int64 }.map(String.init).joined(separator: ",") + "]"
                    for table in ["llm_calls", "tool_calls", "searches"] {
                        try db.run("DELETE FROM \(table) WHERE run_seq IN (SELECT value FROM json_each(?))", [.text(list)])
                    }
                    try db.run("DELETE FROM runs WHERE seq IN (SELECT value FROM json_each(?))", [.text(list)])
                    return db.changes
                }
            }
        } catch {
            throw AnalyticsError.wrap(error, "deleting runs started before \(cutoff)")
        }
    }

    /// One full retention pass: deletes runs older than `days` in batches, then returns free pages to the
    /// file system with `PRAGMA incremental_vacuum`. Returns the number of runs deleted.
    public func applyRetention(days: Int, now: Int64? = nil, batchSize: Int? = nil) throws(AnalyticsError) -> Int {
        guard days > 0 else { return 0 }
        let (product, overflow) = Int64(days).multipliedReportingOverflow(by: 86_400_000)
        let cutoff = (now ?? Self.nowMilliseconds()) - (overflow ? Int64.max / 2 : product)
        var total = 0
        while true {
            let deleted = try deleteRuns(startedBefore: cutoff, batchSize: batchSize ?? settings.retentionBatchSize)
            total += deleted
            if deleted == 0 { break }
        }
        if total > 0 { try incrementalVacuum() }
        try refreshStatistics()
        return total
    }

    /// Refreshes the query planner's statistics (see ``refreshStatistics(_:)``); retention does it every pass.
    public func refreshStatistics() throws(AnalyticsError) {
        do {
            try writeConnection.withLock { db in try Self.refreshStatistics(db) }
        } catch {
            throw AnalyticsError.wrap(error, "refreshing the query planner's statistics")
        }
    }

    /// Rows `ANALYZE` reads per index: enough for the planner to see that a few tools (and models) repeat
    /// across many rows, in a few milliseconds whatever the file's size.
    static let analysisLimit = 1_000

    /// Refreshes `sqlite_stat1` with a bounded `ANALYZE`. With it, SQLite answers a time range over all tools
    /// with a skip-scan of `(tool, started_at)` instead of reading every row (schema version 4 dropped the
    /// time-only child indexes, which cost the writer an index entry per row).
    static func refreshStatistics(_ db: Database) throws {
        try db.execute("PRAGMA analysis_limit = \(analysisLimit); ANALYZE")
    }

    /// Frees up to `pages` unused pages (all of them when nil) at the end of the file.
    public func incrementalVacuum(pages: Int? = nil) throws(AnalyticsError) {
        do {
            try writeConnection.withLock { db in
                _ = try db.query(pages.map { "PRAGMA incremental_vacuum(\($0))" } ?? "PRAGMA incremental_vacuum")
            }
        } catch {
            throw AnalyticsError.wrap(error, "incremental vacuum")
        }
    }

    /// Pages on the free list (reclaimable by ``incrementalVacuum(pages:)``).
    public func freePageCount() throws(AnalyticsError) -> Int {
        do {
            return try readConnection.withLock { db in Self.int(try db.scalar("PRAGMA freelist_count")) }
        } catch {
            throw AnalyticsError.wrap(error, "reading freelist_count")
        }
    }

    /// Copies the live database to `path` with SQLite's online backup API; writers keep going.
    /// The copy is one consistent snapshot (every run with all its children, or not at all).
    public func backup(to path: String) throws(AnalyticsError) {
        do {
            let source = try Database(path: settings.path, busyTimeoutMilliseconds: settings.busyTimeoutMilliseconds)
            try source.backup(to: path)
        } catch {
            throw AnalyticsError.wrap(error, "backing up \(settings.path) to \(path)")
        }
    }

    /// Copies the database file at `source` to `destination` with the online backup API, without opening it
    /// as a store (for `quiver analytics backup PATH` while the service, another process, keeps writing).
    public static func backup(databaseAt source: String, to destination: String, busyTimeoutMilliseconds: Int32 = 5_000) throws(AnalyticsError) {
        do {
            let db = try Database(path: source, readOnly: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            try db.backup(to: destination)
        } catch {
            throw AnalyticsError.wrap(error, "backing up \(source) to \(destination)")
        }
    }

    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on the database.
    public func integrityCheck() throws(AnalyticsError) -> IntegrityReport {
        do {
            return try readConnection.withLock { db in try Self.check(db) }
        } catch {
            throw AnalyticsError.wrap(error, "integrity check of \(settings.path)")
        }
    }

    /// Checks any SQLite file (for `quiver analytics check PATH` without a running store).
    public static func integrityCheck(path: String) throws(AnalyticsError) -> IntegrityReport {
        do {
            return try check(try Database(path: path, readOnly: true))
        } catch {
            throw AnalyticsError.wrap(error, "integrity check of \(path)")
        }
    }

    /// SQLite's integrity lines, followed by one line per child row whose run is missing (the writer does not
    /// enforce the references, so this is where a broken one would show).
    static func check(_ db: Database) throws -> IntegrityReport {
        var messages = try db.query("PRAGMA integrity_check").compactMap { $0.first?.string }
        for row in try db.query("PRAGMA foreign_key_check") {
            // table, rowid, parent table, index of the foreign key
            let table = row.first?.string ?? "?"
            let rowid = row.count > 1 ? (row[1].int64.map(String.init) ?? "?") : "?"
            let parent = row.count > 2 ? (row[2].string ?? "?") : "?"
            messages.append("\(table) row \(rowid) refers to a row of \(parent) that does not exist")
        }
        if messages.count > 1, messages.first == "ok" { messages.removeFirst() }
        return IntegrityReport(messages: messages)
    }
}
