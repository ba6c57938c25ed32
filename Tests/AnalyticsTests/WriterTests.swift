import Foundation
import Logging
import Metrics
import MetricsTestKit
import ServiceLifecycle
import Synchronization
import Testing

@testable import Analytics

/// A value behind a lock that escaping closures can share.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}

@Suite struct WriterTests {
    func makeWriter(
        _ dir: TemporaryDirectory, durability: AnalyticsSettings.Durability = .normal,
        overflow: AnalyticsSettings.OverflowPolicy = .drop, capacity: Int = 10_000, batchSize: Int = 64
    ) throws -> (AnalyticsWriter, TestMetrics) {
        var settings = Fixtures.settings(dir)
        settings.durability = durability
        settings.overflow = overflow
        settings.queueCapacity = capacity
        settings.batchSize = batchSize
        let metrics = TestMetrics()
        let writer = try AnalyticsWriter.open(settings: settings, metrics: AnalyticsMetrics(factory: metrics), logger: Fixtures.logger)
        return (writer, metrics)
    }

    /// Waits (yielding) until `condition` holds; fails the test after 10 s.
    func eventually(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw AnalyticsError(.closed, "timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test func normalDurabilityQueuesWithoutWaitingAndWritesInBatches() async throws {
        let dir = try TemporaryDirectory()
        let (writer, metrics) = try makeWriter(dir, batchSize: 64)
        // The writer is not running yet: record must still return at once (no disk on the request path).
        let outcomes = await withTaskGroup(of: [RecordOutcome].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var out: [RecordOutcome] = []; for i in 0..<125 { out.append(await writer.record(Fixtures.run(worker * 125 + i))) }; return out
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(outcomes.count == 1_000 && outcomes.allSatisfy { $0 == .enqueued })
        #expect(writer.statistics.queueDepth == 1_000)
        #expect(try metrics.expectGauge(AnalyticsMetrics.queueDepthName).lastValue == 1_000)
        let task = Task { try await writer.run() }
        writer.finish()
        try await task.value
        let stats = writer.statistics
        #expect(stats.written == 1_000 && stats.dropped == 0)
        #expect(stats.batches == 16)  // 1,000 runs in batches of at most 64
        #expect(try metrics.expectTimer(AnalyticsMetrics.writeDurationName).values.count == 16)
        #expect(try metrics.expectCounter(AnalyticsMetrics.writtenName).totalValue == 1_000)
        #expect(try metrics.expectGauge(AnalyticsMetrics.queueDepthName).lastValue == 0)
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 1_000)
        #expect(try writer.store?.writeConnection.withLock { try $0.scalar("PRAGMA synchronous") } == .integer(1))
    }

    @Test func fullDurabilityAcknowledgesOnlyCommittedRuns() async throws {
        let dir = try TemporaryDirectory()
        let (writer, _) = try makeWriter(dir, durability: .full)
        #expect(try writer.store?.writeConnection.withLock { try $0.scalar("PRAGMA synchronous") } == .integer(2))
        let task = Task { try await writer.run() }
        for i in 0..<20 {
            let outcome = await writer.record(Fixtures.run(i))
            #expect(outcome == .committed)
            // Acknowledged means visible to any other connection right away.
            let db = try Database(path: dir.file("analytics.db"), readOnly: true)
            #expect(try db.scalar("SELECT COUNT(*) FROM runs WHERE id = ?", [.text("run-\(i)")]).int64 == 1)
        }
        let duplicate = await writer.record(Fixtures.run(3))
        guard case .failed(let error) = duplicate else {
            Issue.record("duplicate run acknowledged: \(duplicate)")
            return
        }
        #expect(error.sqlite?.code == 2067)
        writer.finish()
        try await task.value
        #expect(writer.statistics.failed == 1)
        #expect(await writer.record(Fixtures.run(99)) == .dropped(.closed))
    }

    @Test func queueFullWithDropPolicyDropsAndCounts() async throws {
        let dir = try TemporaryDirectory()
        let (writer, metrics) = try makeWriter(dir, overflow: .drop, capacity: 3)
        var outcomes: [RecordOutcome] = []
        for i in 0..<5 { outcomes.append(await writer.record(Fixtures.run(i))) }
        #expect(outcomes == [.enqueued, .enqueued, .enqueued, .dropped(.queueFull), .dropped(.queueFull)])
        #expect(try metrics.expectCounter(AnalyticsMetrics.droppedName, [("reason", "queue_full")]).totalValue == 2)
        #expect(writer.statistics.dropped == 2)
        let task = Task { try await writer.run() }
        writer.finish()
        try await task.value
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 3)
        #expect(try metrics.expectCounter(AnalyticsMetrics.droppedName, [("reason", "closed")]).totalValue == 0)
    }

    @Test(arguments: [AnalyticsSettings.Durability.normal, .full])
    func queueFullWithBlockPolicyWaitsForRoomAndCounts(durability: AnalyticsSettings.Durability) async throws {
        let dir = try TemporaryDirectory()
        let (writer, metrics) = try makeWriter(dir, durability: durability, overflow: .block, capacity: 2, batchSize: 1)
        let finished = Locked<[Int: RecordOutcome]>([:])
        let producers = Task {
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<3 {
                    group.addTask {
                        let outcome = await writer.record(Fixtures.run(i))
                        finished.withLock { $0[i] = outcome }
                    }
                }
            }
        }
        // Two fit; the third waits for room because nothing is writing yet.
        try await eventually("a blocked producer") { writer.queue.waitingProducers == 1 }
        #expect(writer.statistics.queueDepth == 2)
        if durability == .normal { #expect(finished.withLock { $0.count } == 2) } else { #expect(finished.withLock { $0.isEmpty }) }
        #expect(try metrics.expectCounter(AnalyticsMetrics.blockedName).totalValue == 1)
        let task = Task { try await writer.run() }
        await producers.value
        let expected: RecordOutcome = durability == .full ? .committed : .enqueued
        #expect(finished.withLock { $0.values.allSatisfy { $0 == expected } && $0.count == 3 })
        writer.finish()
        try await task.value
        #expect(writer.statistics.written == 3 && writer.statistics.dropped == 0)
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 3)
    }

    @Test func blockedProducerGivesUpWhenWriterCloses() async throws {
        let dir = try TemporaryDirectory()
        let (writer, metrics) = try makeWriter(dir, overflow: .block, capacity: 1)
        #expect(await writer.record(Fixtures.run(0)) == .enqueued)
        let blocked = Task { await writer.record(Fixtures.run(1)) }
        try await eventually("a blocked producer") { writer.queue.waitingProducers == 1 }
        writer.finish()
        #expect(await blocked.value == .dropped(.closed))
        #expect(try metrics.expectCounter(AnalyticsMetrics.droppedName, [("reason", "closed")]).totalValue == 1)
        try await writer.run()  // drains the one queued run and returns
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 1)
    }

    @Test func blockedProducerThatIsCancelledGivesUpAndIsCounted() async throws {
        let dir = try TemporaryDirectory()
        let (writer, metrics) = try makeWriter(dir, overflow: .block, capacity: 1)
        #expect(await writer.record(Fixtures.run(0)) == .enqueued)
        let blocked = Task { await writer.record(Fixtures.run(1)) }
        try await eventually("a blocked producer") { writer.queue.waitingProducers == 1 }
        blocked.cancel()
        #expect(await blocked.value == .dropped(.cancelled))
        #expect(writer.queue.waitingProducers == 0)
        #expect(try metrics.expectCounter(AnalyticsMetrics.droppedName, [("reason", "cancelled")]).totalValue == 1)
        // The queue still works: the writer drains the first run.
        writer.finish()
        try await writer.run()
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 1)
    }

    @Test func gracefulShutdownOfTheServiceGroupFlushesTheQueue() async throws {
        let dir = try TemporaryDirectory()
        let (writer, _) = try makeWriter(dir, batchSize: 10)
        for i in 0..<500 { _ = await writer.record(Fixtures.run(i)) }
        let group = ServiceGroup(configuration: .init(services: [writer], logger: Fixtures.logger))
        let running = Task { try await group.run() }
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(writer.statistics.written == 500)
        #expect(try Fixtures.count(dir.file("analytics.db"), "runs") == 500)
    }

    @Test func durabilityOffRecordsNothingAndOpensNothing() async throws {
        let dir = try TemporaryDirectory()
        let (writer, _) = try makeWriter(dir, durability: .off)
        #expect(await writer.record(Fixtures.run(1)) == .disabled)
        #expect(writer.store == nil)
        #expect(!FileManager.default.fileExists(atPath: dir.file("analytics.db")))
    }
}

@Suite struct YieldPaceTests {
    @Test func writerYieldsEveryStatementWhileItKeepsUpAndEveryChunkOnceBehind() {
        #expect(YieldPace.forWriter(queueDepth: 0, batchSize: 512) == .everyStatement)
        #expect(YieldPace.forWriter(queueDepth: 1_023, batchSize: 512) == .everyStatement)
        // Two batches queued behind the one being written: catch up.
        #expect(YieldPace.forWriter(queueDepth: 1_024, batchSize: 512) == .everyChunk)
        #expect(YieldPace.forWriter(queueDepth: 10_000, batchSize: 512) == .everyChunk)
        #expect(YieldPace.forWriter(queueDepth: 1, batchSize: 1) == .everyStatement)
        #expect(YieldPace.forWriter(queueDepth: 2, batchSize: 1) == .everyChunk)
        // No overflow at the extremes.
        #expect(YieldPace.forWriter(queueDepth: Int.max, batchSize: Int.max) == .everyStatement)
        #expect(YieldPace.forWriter(queueDepth: Int.max, batchSize: 1) == .everyChunk)
    }
}

@Suite struct WriteQueueRecycleTests {
    @Test func recycledBuffersComeBackEmptyWithTheirCapacity() async throws {
        let queue = WriteQueue(capacity: 100)
        for i in 0..<40 { #expect(queue.offer(WriteQueue.Item(run: Fixtures.run(i), ack: nil)) == .accepted(depth: i + 1)) }
        let first = try #require(await queue.takeBatch(max: 100))
        #expect(first.runs.map(\.id) == (0..<40).map { "run-\($0)" })
        queue.recycle(first)
        // Runs offered before the next take still go into the buffers that take started.
        for i in 40..<43 { _ = queue.offer(WriteQueue.Item(run: Fixtures.run(i), ack: nil)) }
        let second = try #require(await queue.takeBatch(max: 100))
        #expect(second.runs.map(\.id) == ["run-40", "run-41", "run-42"])
        #expect(second.acks.count == 3)
        // That take put the recycled buffers in place: the runs after it go there. Only they come out, in
        // order (the recycled buffers were emptied), and the buffers kept the first batch's capacity.
        for i in 43..<45 { _ = queue.offer(WriteQueue.Item(run: Fixtures.run(i), ack: nil)) }
        let third = try #require(await queue.takeBatch(max: 100))
        #expect(third.runs.map(\.id) == ["run-43", "run-44"])
        #expect(third.acks.count == 2)
        #expect(third.runs.capacity >= 40)
        #expect(queue.depth == 0)
    }
}
