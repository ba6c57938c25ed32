import Foundation
import Testing

@testable import Analytics

@Suite struct BackupTests {
    @Test func backupOfAQuietDatabaseMatchesRowForRow() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        _ = store.write((0..<200).map { Fixtures.run($0) })
        let copy = dir.file("backup.db")
        try store.backup(to: copy)
        #expect(try AnalyticsStore.integrityCheck(path: copy).isOK)
        let source = try Database(path: dir.file("analytics.db"), readOnly: true)
        let backup = try Database(path: copy, readOnly: true)
        for table in ["runs", "llm_calls", "tool_calls", "searches", "schema_version"] {
            let sql = "SELECT * FROM \(table) ORDER BY 1"
            #expect(try backup.query(sql) == (try source.query(sql)), "\(table) differs")
        }
    }

    @Test func checkReportsAChildRowWhoseRunIsMissing() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        _ = store.write((0..<5).map { Fixtures.run($0) })
        #expect(try store.integrityCheck().isOK)
        // The writer does not enforce the references; a row pointing nowhere (written by hand here) is reported.
        let db = try Database(path: dir.file("analytics.db"))
        try db.run(
            "INSERT INTO tool_calls (run_seq, ordinal, tool, started_at, duration_ms, status) VALUES (999, 0, 'x', 0, 1, 'ok')")
        let report = try AnalyticsStore.integrityCheck(path: dir.file("analytics.db"))
        #expect(!report.isOK)
        #expect(report.messages.count == 1)
        #expect(report.messages.first?.hasPrefix("tool_calls row ") == true)
        #expect(report.messages.first?.contains("of runs that does not exist") == true)
    }

    @Test func cliBackupFromAnotherConnectionAndCheckOfACorruptFile() throws {
        let dir = try TemporaryDirectory()
        let store = try AnalyticsStore(settings: Fixtures.settings(dir))
        _ = store.write((0..<50).map { Fixtures.run($0) })
        try AnalyticsStore.backup(databaseAt: dir.file("analytics.db"), to: dir.file("cli.db"))
        #expect(try Fixtures.count(dir.file("cli.db"), "runs") == 50)
        #expect(try AnalyticsStore.integrityCheck(path: dir.file("cli.db")).isOK)
        // A file that is not a database is reported, not trapped on.
        try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: dir.file("junk.db")))
        let error = #expect(throws: AnalyticsError.self) { try AnalyticsStore.integrityCheck(path: dir.file("junk.db")) }
        #expect(error?.sqlite?.code == 26)  // SQLITE_NOTADB
        #expect(throws: AnalyticsError.self) { try AnalyticsStore.backup(databaseAt: dir.file("missing.db"), to: dir.file("x.db")) }
    }

    @Test func backupWhileTheWriterKeepsWritingIsAConsistentSnapshot() async throws {
        let dir = try TemporaryDirectory()
        var settings = Fixtures.settings(dir)
        settings.batchSize = 16
        let writer = try AnalyticsWriter.open(settings: settings, logger: Fixtures.logger)
        let store = try #require(writer.store)
        let writing = Task { try await writer.run() }
        let producing = Task {
            for i in 0..<3_000 {
                _ = await writer.record(Fixtures.run(i))
                if i % 50 == 0 { await Task.yield() }
            }
        }
        while writer.statistics.written < 300 { try await Task.sleep(for: .milliseconds(2)) }
        let copy = dir.file("live-backup.db")
        try store.backup(to: copy)
        let writtenAtBackup = writer.statistics.written
        await producing.value
        writer.finish()
        try await writing.value
        #expect(writer.statistics.written == 3_000)
        #expect(writtenAtBackup < 3_000, "the writer finished before the backup; nothing was live")

        // The copy opens as an analytics store at the same schema version and checks clean.
        let restored = try AnalyticsStore(settings: AnalyticsSettings(path: copy))
        #expect(try restored.integrityCheck().isOK)
        #expect(try restored.schemaVersion() == Migration.all.count)
        let ids = try Database(path: copy, readOnly: true).query("SELECT id FROM runs").compactMap { $0.first?.string }
        #expect(ids.count >= 300 && ids.count <= 3_000)
        // Every run in the snapshot is identical (children included) to the live database's run.
        for id in ids.shuffled().prefix(200) {
            #expect(try restored.run(id: id) == (try store.run(id: id)))
        }
    }
}
