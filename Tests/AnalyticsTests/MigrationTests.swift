import Testing

@testable import Analytics

@Suite struct MigrationTests {
    @Test func emptyFileGetsNewestSchemaWithWALAndIncrementalVacuum() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        #expect(try store.schemaVersion() == Migration.all.count)
        let db = try Database(path: dir.file("analytics.db"))
        #expect(try db.scalar("PRAGMA journal_mode").string == "wal")
        #expect(try db.scalar("PRAGMA auto_vacuum").int64 == 2)  // INCREMENTAL
        let names = try db.query("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name").compactMap { $0.first?.string }
        for expected in ["runs", "llm_calls", "tool_calls", "searches", "schema_version", "daily_tool_stats", "daily_model_stats", "runs_readable"] {
            #expect(names.contains(expected), "missing \(expected)")
        }
        let versions = try db.query("SELECT version, name FROM schema_version ORDER BY version")
        #expect(versions == [
            [.integer(1), .text("tables")], [.integer(2), .text("rollups")], [.integer(3), .text("request_id")],
            [.integer(4), .text("lean_indexes")],
        ])
    }

    @Test func fromVersionOneWithDataToNewest() throws {
        let dir = try TemporaryDirectory()
        let settings = Fixtures.settings(dir)
        do {
            let old = try AnalyticsStore(settings: settings, schemaVersion: 1)
            #expect(try old.schemaVersion() == 1)
            let results = old.write((0..<20).map { Fixtures.run($0) })
            #expect(results.allSatisfy { (try? $0.get()) != nil })
            let db = try Database(path: settings.path)
            #expect(try db.scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'daily_tool_stats'").int64 == 0)
        }
        let store = try AnalyticsStore(settings: settings)
        #expect(try store.schemaVersion() == Migration.all.count)
        let db = try Database(path: settings.path)
        // The v2 views see the rows written under v1.
        let calls = try db.scalar("SELECT SUM(calls) FROM daily_tool_stats").int64
        #expect(calls == (try db.scalar("SELECT COUNT(*) FROM tool_calls").int64))
        #expect((calls ?? 0) > 20)
        #expect(try db.scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'tool_calls_tool_started'").int64 == 1)
        #expect(try db.scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'tool_calls_started'").int64 == 0)
        #expect(try store.run(id: "run-5")?.toolCalls.count == Fixtures.run(5).toolCalls.count)
    }

    @Test func fromVersionTwoRunsGetARequestID() throws {
        let dir = try TemporaryDirectory()
        let settings = Fixtures.settings(dir)
        do {
            let old = try AnalyticsStore(settings: settings, schemaVersion: 2)
            #expect(try old.schemaVersion() == 2)
            let db = try Database(path: settings.path)
            let columns = try db.query("SELECT name FROM pragma_table_info('runs')").compactMap { $0.first?.string }
            #expect(!columns.contains("request_id"))
            // A v2 row, written with v2's columns.
            try db.run("INSERT INTO runs (id, kind, started_at, status) VALUES ('old', 'query', 1, 'ok')")
        }
        let store = try AnalyticsStore(settings: settings)
        #expect(try store.schemaVersion() == Migration.all.count)
        #expect(try store.run(id: "old")?.requestID == nil)
        var run = Fixtures.run(1)
        run.requestID = "req-abc"
        #expect(store.write([run]).allSatisfy { (try? $0.get()) != nil })
        #expect(try store.run(id: run.id)?.requestID == "req-abc")
        let db = try Database(path: settings.path)
        #expect(try db.scalar("SELECT COUNT(*) FROM runs WHERE request_id = 'req-abc'").int64 == 1)
    }

    @Test func fromVersionThreeTheIndexesAreLeanAndTheQueriesStillUseIndexes() throws {
        let dir = try TemporaryDirectory()
        let settings = Fixtures.settings(dir)
        do {
            let old = try AnalyticsStore(settings: settings, schemaVersion: 3)
            let runs = (0..<300).map { Fixtures.run($0, status: "ok") } + [Fixtures.run(300, id: "failed-1", status: "error")]
            #expect(old.write(runs).allSatisfy { (try? $0.get()) != nil })
            let db = try Database(path: settings.path)
            #expect(try db.scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'runs_status_started'").int64 == 1)
        }
        let store = try AnalyticsStore(settings: settings)
        #expect(try store.schemaVersion() == 4)
        let db = try Database(path: settings.path)
        let indexes = Set(try db.query("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").compactMap { $0.first?.string })
        #expect(indexes.isDisjoint(with: ["tool_calls_started", "llm_calls_started", "runs_status_started"]))
        #expect(indexes.isSuperset(of: ["runs_failed", "runs_started", "tool_calls_tool_started", "llm_calls_model_started"]))
        // Only failed runs have an entry in the partial index, and listing them finds the one written under v3.
        #expect(try store.listRuns(RunListQuery(limit: 10, status: "error")).runs.map(\.id) == ["failed-1"])
        #expect(try store.listRuns(RunListQuery(limit: 200, status: "ok")).runs.allSatisfy { $0.status == "ok" })
        func plan(_ sql: String) throws -> String {
            try db.query("EXPLAIN QUERY PLAN " + sql).compactMap { $0.last?.string }.joined(separator: " | ")
        }
        #expect(try plan("SELECT id FROM runs WHERE status = 'error' AND status <> 'ok' ORDER BY started_at DESC, id DESC LIMIT 5")
            .contains("runs_failed"))
        // The statistics the store refreshed at open let a time range over all tools skip-scan (tool, started_at).
        #expect(try db.scalar("SELECT COUNT(*) FROM sqlite_stat1 WHERE idx = 'tool_calls_tool_started'").int64 == 1)
        let week = try plan("SELECT tool, COUNT(*) FROM tool_calls WHERE started_at >= 5 GROUP BY tool")
        #expect(week.contains("tool_calls_tool_started (ANY(tool) AND started_at>?)"), "plan: \(week)")
    }

    @Test func dataDirectoryIsCreatedAndAnUnwritablePathIsAClearError() throws {
        let dir = try TemporaryDirectory()
        let settings = AnalyticsSettings.inDataDirectory(dir.file("data/nested/"))
        #expect(settings.path == dir.file("data/nested/analytics.db"))
        _ = try AnalyticsStore(settings: settings)
        #expect(try Fixtures.count(settings.path, "schema_version") == Migration.all.count)
        let error = #expect(throws: AnalyticsError.self) { try AnalyticsStore(settings: AnalyticsSettings(path: "/proc/quiver/analytics.db")) }
        #expect(error?.message.contains("/proc/quiver") == true)
    }

    @Test func reopeningAtNewestVersionChangesNothing() throws {
        let dir = try TemporaryDirectory()
        _ = try AnalyticsStore(settings: Fixtures.settings(dir))
        let again = try AnalyticsStore(settings: Fixtures.settings(dir))
        #expect(try again.schemaVersion() == Migration.all.count)
        #expect(try Fixtures.count(dir.file("analytics.db"), "schema_version") == Migration.all.count)
    }

    @Test func newerSchemaIsRefused() throws {
        let dir = try TemporaryDirectory()
        _ = try AnalyticsStore(settings: Fixtures.settings(dir))
        let db = try Database(path: dir.file("analytics.db"))
        try db.run("INSERT INTO schema_version (version, name, applied_at) VALUES (\(Migration.all.count + 1), 'future', 0)")
        let error = #expect(throws: AnalyticsError.self) { try AnalyticsStore(settings: Fixtures.settings(dir)) }
        #expect(error?.code == .schemaTooNew)
        #expect(error?.message.contains("schema version \(Migration.all.count + 1)") == true)
    }

    @Test func failedMigrationRollsBackAndNamesTheSQL() throws {
        let dir = try TemporaryDirectory()
        let db = try Database(path: dir.file("x.db"))
        let broken = Migrator(migrations: [
            Migration.all[0], Migration(version: 2, name: "broken", sql: "CREATE TABLE t (a); SELECT nope FROM nowhere"),
        ])
        #expect(throws: SQLiteError.self) { try broken.migrate(db, nowMilliseconds: 0) }
        #expect(try Migrator.currentVersion(db) == 1)
        #expect(try db.scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 't'").int64 == 0)
    }
}
