import Foundation
import Synchronization
import Testing

@testable import Analytics

/// `analytics.wal_checkpoint_pages`: the WAL is copied into the database file by a low-priority thread, off the
/// writer's; when that thread is stuck the writer checkpoints itself, so the WAL stays bounded.
@Suite struct CheckpointTests {
    func store(_ dir: TemporaryDirectory, pages: Int) throws -> AnalyticsStore {
        var settings = Fixtures.settings(dir)
        settings.walCheckpointPages = pages
        return try AnalyticsStore(settings: settings)
    }

    /// Writes `batches` batches of 20 runs; returns the largest WAL length seen after a commit.
    func write(_ store: AnalyticsStore, batches: Range<Int>) -> Int {
        var longest = 0
        for batch in batches {
            let results = store.write((0..<20).map { Fixtures.run(batch * 20 + $0) })
            #expect(results.allSatisfy { (try? $0.get()) != nil })
            longest = max(longest, store.writeConnection.withLock { $0.walFrames })
        }
        return longest
    }

    @Test func theCheckpointerCopiesTheWALOffTheWriter() async throws {
        let dir = try TemporaryDirectory()
        let store = try store(dir, pages: 8)
        _ = write(store, batches: 0..<5)
        // The checkpointer runs at nice 19: give it time on a busy machine.
        let deadline = ContinuousClock.now + .seconds(30)
        while store.checkpointCounts.withLock({ $0.background }) == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(store.checkpointCounts.withLock { $0.background } >= 1)
        // Everything written is still there, whoever checkpointed it.
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 100)
    }

    @Test func theWriterCheckpointsItselfWhenTheCheckpointerIsStuck() throws {
        let dir = try TemporaryDirectory()
        let pages = 8
        let store = try store(dir, pages: pages)
        // Hold the checkpointer's connection: its job waits for it, as on a machine that gives it no CPU.
        let longest = store.checkpointConnection.withLock { _ in write(store, batches: 0..<40) }
        let counts = store.checkpointCounts.withLock { $0 }
        #expect(counts.inline >= 1)
        // Bounded: the limit, plus what one batch of 20 runs adds past it.
        #expect(longest < pages * AnalyticsSettings.walCheckpointBacklogFactor + 40)
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 800)
    }

    @Test func automaticCheckpointsAreOffOnTheWriter() throws {
        let dir = try TemporaryDirectory()
        // A limit the test never reaches: no one checkpoints, so the WAL keeps every frame written.
        let store = try store(dir, pages: 1_000_000)
        let longest = write(store, batches: 0..<150)
        // SQLite's own automatic checkpoint would have reset the WAL at 1,000 pages.
        #expect(longest > 1_000)
        #expect(store.checkpointCounts.withLock { $0.background + $0.inline } == 0)
    }

    @Test func theLimitIsValidated() {
        var settings = AnalyticsSettings(path: "/tmp/x.db")
        settings.walCheckpointPages = 0
        #expect(throws: AnalyticsError.self) { try settings.validate() }
        do {
            try settings.validate()
        } catch {
            #expect(error.message.contains("walCheckpointPages"))
        }
    }
}
