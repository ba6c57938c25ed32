import ServiceLifecycle
import Testing

@testable import Analytics

@Suite struct RetentionTests {
    static let now: Int64 = 1_770_000_000_000

    func populated(_ dir: TemporaryDirectory, batchSize: Int = 7) throws -> AnalyticsStore {
        var settings = Fixtures.settings(dir)
        settings.retentionBatchSize = batchSize
        let store = try AnalyticsStore(settings: settings)
        let old = (0..<100).map { Fixtures.run($0, base: Self.now - 40 * Fixtures.day, id: "old-\($0)") }
        let recent = (0..<50).map { Fixtures.run($0, base: Self.now - 2 * Fixtures.day, id: "new-\($0)") }
        _ = store.write(old)
        _ = store.write(recent)
        return store
    }

    @Test func deletesOnlyOldRunsAndTheirChildrenInSmallBatches() throws {
        let dir = try TemporaryDirectory()
        let store = try populated(dir)
        let cutoff = Self.now - 30 * Fixtures.day
        #expect(try store.deleteRuns(startedBefore: cutoff, batchSize: 7) == 7)
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 143)
        #expect(try store.applyRetention(days: 30, now: Self.now) == 93)
        #expect(try store.applyRetention(days: 30, now: Self.now) == 0)
        let db = try Database(path: dir.file("analytics.db"), readOnly: true)
        #expect(try db.scalar("SELECT COUNT(*) FROM runs").int64 == 50)
        #expect(try db.scalar("SELECT COUNT(*) FROM runs WHERE id LIKE 'old-%'").int64 == 0)
        for table in ["llm_calls", "tool_calls", "searches"] {
            let orphans = try db.scalar("SELECT COUNT(*) FROM \(table) WHERE run_seq NOT IN (SELECT seq FROM runs)")
            #expect(orphans == .integer(0), "\(table) kept children of deleted runs")
        }
        let children = (0..<50).reduce(0) { $0 + Fixtures.run($1).toolCalls.count }
        #expect(try db.scalar("SELECT COUNT(*) FROM tool_calls").int64 == Int64(children))
        #expect(try store.run(id: "new-10") == Fixtures.run(10, base: Self.now - 2 * Fixtures.day, id: "new-10"))
    }

    @Test func incrementalVacuumShrinksTheFile() throws {
        let dir = try TemporaryDirectory()
        let store = try populated(dir, batchSize: 500)
        let db = try Database(path: dir.file("analytics.db"), readOnly: true)
        let before = try db.scalar("PRAGMA page_count").int64 ?? 0
        _ = try store.deleteRuns(startedBefore: Self.now - 30 * Fixtures.day, batchSize: 500)
        #expect(try store.freePageCount() > 0)
        try store.incrementalVacuum()
        #expect(try store.freePageCount() == 0)
        let after = try db.scalar("PRAGMA page_count").int64 ?? 0
        #expect(after < before)
    }

    @Test func retentionServicePassDeletesAndZeroDaysKeepsAll() async throws {
        let dir = try TemporaryDirectory()
        let store = try populated(dir)
        let service = AnalyticsRetention(store: store, logger: Fixtures.logger, pauseBetweenBatches: .milliseconds(1))
        #expect(try store.applyRetention(days: 0, now: Self.now) == 0)
        #expect(try await service.pass(days: 30, now: Self.now) == 100)
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 50)
        #expect(try await service.pass(days: 1, now: Self.now) == 50)
    }

    @Test func retentionServiceRunsInAServiceGroupAndStopsOnShutdown() async throws {
        let dir = try TemporaryDirectory()
        var settings = Fixtures.settings(dir)
        settings.retentionDays = 30
        let store = try AnalyticsStore(settings: settings)
        let now = AnalyticsStore.nowMilliseconds()
        _ = store.write((0..<40).map { Fixtures.run($0, base: now - 60 * Fixtures.day, id: "old-\($0)") })
        _ = store.write((0..<10).map { Fixtures.run($0, base: now - Fixtures.day, id: "new-\($0)") })
        let service = AnalyticsRetention(store: store, logger: Fixtures.logger, pauseBetweenBatches: .milliseconds(1))
        let group = ServiceGroup(configuration: .init(services: [service], logger: Fixtures.logger))
        let running = Task { try await group.run() }
        let deadline = ContinuousClock.now + .seconds(10)
        while try Fixtures.count(settings.path, "runs") > 10, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(try Fixtures.count(settings.path, "runs") == 10)
        await group.triggerGracefulShutdown()
        try await running.value  // returns although the next pass is an hour away
    }
}
