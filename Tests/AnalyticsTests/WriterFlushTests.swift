import Foundation
import Synchronization
import Testing

@testable import Analytics

/// `analytics.flush_interval_ms`: runs that arrive within the interval after the first are committed together.
@Suite struct WriterFlushTests {
    func writer(_ dir: TemporaryDirectory, flushMilliseconds: Int, durability: AnalyticsSettings.Durability = .normal) throws -> AnalyticsWriter {
        var settings = Fixtures.settings(dir)
        settings.durability = durability
        settings.flushIntervalMilliseconds = flushMilliseconds
        return try AnalyticsWriter.open(settings: settings, logger: Fixtures.logger)
    }

    @Test func runsArrivingWithinTheIntervalShareOneCommit() async throws {
        let dir = try TemporaryDirectory()
        let writer = try writer(dir, flushMilliseconds: 1_000)
        let task = Task { try await writer.run() }
        // The first run wakes the writer, which then waits a second for company.
        #expect(await writer.record(Fixtures.run(0)) == .enqueued)
        for i in 1..<20 { #expect(await writer.record(Fixtures.run(i)) == .enqueued) }
        let deadline = ContinuousClock.now + .seconds(10)
        while writer.statistics.written < 20, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let stats = writer.statistics
        writer.finish()
        try await task.value
        #expect(stats.written == 20)
        #expect(stats.batches == 1)  // without the interval the first run would have been committed alone
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 20)
    }

    @Test func shutdownDoesNotWaitForTheIntervalToLoseRuns() async throws {
        let dir = try TemporaryDirectory()
        let writer = try writer(dir, flushMilliseconds: 10_000)
        let task = Task { try await writer.run() }
        for i in 0..<5 { _ = await writer.record(Fixtures.run(i)) }
        writer.finish()
        try await task.value
        #expect(writer.statistics.written == 5)
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 5)
    }

    @Test func fullDurabilityNeverWaits() throws {
        let dir = try TemporaryDirectory()
        #expect(try writer(dir, flushMilliseconds: 1_000, durability: .full).flushInterval == .zero)
        let other = try TemporaryDirectory()
        #expect(try writer(other, flushMilliseconds: 1_000).flushInterval == .milliseconds(1_000))
    }

    @Test func theIntervalIsValidated() {
        var settings = AnalyticsSettings(path: "/tmp/x.db")
        settings.flushIntervalMilliseconds = 10_001
        #expect(throws: AnalyticsError.self) { try settings.validate() }
    }
}

/// `analytics.writer_cache_kb`: the writer connection's page cache.
@Suite struct WriterCacheTests {
    @Test func theCacheSizeReachesTheWriteConnection() throws {
        let dir = try TemporaryDirectory()
        var settings = Fixtures.settings(dir)
        settings.writerCacheKilobytes = 2_048
        let store = try AnalyticsStore(settings: settings)
        let pages = try store.writeConnection.withLock { db in try db.scalar("PRAGMA cache_size").int64 }
        #expect(pages == -2_048)  // negative: KiB, not pages
    }

    @Test func aCacheBelow64KiBIsRefusedByName() {
        var settings = AnalyticsSettings(path: "/tmp/x.db")
        settings.writerCacheKilobytes = 63
        #expect {
            try settings.validate()
        } throws: { error in
            "\(error)".contains("writerCacheKilobytes")
        }
    }
}
