import CoreMetrics
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization

/// Records runs without slowing requests: `record` appends to a bounded in-memory queue and a background
/// `Service` commits batches. With durability `full`, `record` returns once the run is committed with
/// `synchronous=FULL`; with `normal` it returns at once; with `off` nothing is recorded.
/// Graceful shutdown (or ``finish()``) stops intake and flushes the queue before `run()` returns.
/// `run()` must be running (in the service group) for `full` callers to be acknowledged; add the writer to
/// the group before the HTTP server, so that it shuts down after the server has drained its requests.
public final class AnalyticsWriter: Service {
    /// Counts since start, for tests and `quiver analytics` status (the metrics carry the same numbers).
    public struct Statistics: Sendable, Equatable {
        public var written: Int
        public var dropped: Int
        public var blocked: Int
        public var failed: Int
        public var batches: Int
        public var queueDepth: Int
    }

    public let durability: AnalyticsSettings.Durability
    public let overflow: AnalyticsSettings.OverflowPolicy
    let store: AnalyticsStore?
    let queue: WriteQueue
    let batchSize: Int
    let flushInterval: Duration
    let metrics: AnalyticsMetrics
    let logger: Logger
    private let counts = Mutex(Statistics(written: 0, dropped: 0, blocked: 0, failed: 0, batches: 0, queueDepth: 0))

    /// A writer over `store`; pass nil with durability `off` (nothing is opened).
    public init(store: AnalyticsStore?, metrics: AnalyticsMetrics = AnalyticsMetrics(), logger: Logger) {
        let settings = store?.settings
        self.store = store
        self.durability = store == nil ? .off : (settings?.durability ?? .off)
        self.overflow = settings?.overflow ?? .drop
        self.queue = WriteQueue(capacity: settings?.queueCapacity ?? 1)
        self.batchSize = settings?.batchSize ?? 1
        // Group commits already batch every waiting request with `full`; gathering would only delay them.
        self.flushInterval = settings?.durability == .normal ? .milliseconds(settings?.flushIntervalMilliseconds ?? 0) : .zero
        self.metrics = metrics
        self.logger = logger
    }

    /// Opens the store for `settings` (unless durability is `off`) and makes its writer.
    public static func open(
        settings: AnalyticsSettings, metrics: AnalyticsMetrics = AnalyticsMetrics(), logger: Logger
    ) throws(AnalyticsError) -> AnalyticsWriter {
        try settings.validate()
        let store = settings.durability == .off ? nil : try AnalyticsStore(settings: settings)
        return AnalyticsWriter(store: store, metrics: metrics, logger: logger)
    }

    public var statistics: Statistics {
        var snapshot = counts.withLock { $0 }
        snapshot.queueDepth = queue.depth
        return snapshot
    }

    /// Hands a finished run to the writer. Never touches the disk on the caller's task; with durability
    /// `full` it suspends until the writer has committed the run.
    public func record(_ run: RunRecord) async -> RecordOutcome {
        guard durability != .off else { return .disabled }
        var waited = false
        while true {
            let outcome: RecordOutcome
            if durability == .full {
                outcome = await withCheckedContinuation { (ack: CheckedContinuation<RecordOutcome, Never>) in
                    switch offer(WriteQueue.Item(run: run, ack: ack)) {
                    case .accepted: break  // the writer resumes `ack` after the commit
                    case .full: ack.resume(returning: .dropped(.queueFull))
                    case .closed: ack.resume(returning: .dropped(.closed))
                    }
                }
            } else {
                switch offer(WriteQueue.Item(run: run, ack: nil)) {
                case .accepted: outcome = .enqueued
                case .full: outcome = .dropped(.queueFull)
                case .closed: outcome = .dropped(.closed)
                }
            }
            if outcome == .dropped(.queueFull), overflow == .block {
                if !waited {
                    waited = true
                    metrics.blocked.increment()
                    counts.withLock { $0.blocked += 1 }
                }
                if await queue.waitForSpace() { continue }
                return countDrop(Task.isCancelled ? .cancelled : .closed)
            }
            if case .dropped(let reason) = outcome { return countDrop(reason) }
            return outcome
        }
    }

    /// Stops taking runs; `run()` returns once the queue is written. Graceful shutdown does the same.
    public func finish() {
        queue.close()
    }

    public func run() async throws {
        guard let store else {
            // Durability off: nothing to write; stay up until the group shuts down.
            try? await gracefulShutdown()
            return
        }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                while var batch = await queue.takeBatch(max: batchSize) {
                    if flushInterval > .zero, batch.count < batchSize {
                        await gather(upTo: batchSize - batch.count)
                        batch += queue.takeAvailable(max: batchSize - batch.count)
                    }
                    let pace = YieldPace.forWriter(queueDepth: queue.depth, batchSize: batchSize)
                    // The runs are released on the writer thread, not on the cooperative pool that serves requests:
                    // freeing a batch (a few thousand strings and arrays) took a pool thread from the requests for
                    // a while. With the writer paced by its queue, request_p99.sh gave saturated p99 0.997-1.023x
                    // of `none` this way against 1.026-1.046x (session 5). In session 4, with a writer that yielded
                    // only every 16 runs, freeing on the pool had been the better of the two.
                    let handOff = HandOff(batch)
                    batch = WriteQueue.Batch()
                    await store.background.perform {
                        let written = handOff.take()
                        self.write(written, pace: pace, to: store)
                        self.queue.recycle(written)
                    }
                }
            } onCancel: {
                queue.close()
            }
        } onGracefulShutdown: {
            self.queue.close()
        }
        logger.debug("analytics writer stopped", metadata: ["written": "\(statistics.written)"])
    }

    /// Carries a batch to the writer thread as the only reference to it, so that its runs are released there.
    private final class HandOff: Sendable {
        private let batch: Mutex<WriteQueue.Batch?>

        init(_ batch: WriteQueue.Batch) { self.batch = Mutex(batch) }

        /// The batch, leaving nothing behind (an empty batch on a second call).
        func take() -> WriteQueue.Batch { batch.withLock { $0.take() } ?? WriteQueue.Batch() }
    }

    /// Lets the runs of the next `flushInterval` join the batch: one transaction for all of them. Waits in
    /// short steps and stops early once `wanted` more runs are queued or the queue closes (shutdown
    /// never waits out the interval).
    private func gather(upTo wanted: Int) async {
        let deadline = ContinuousClock.now + flushInterval
        let step = Duration.milliseconds(10)
        while !queue.isClosed, queue.depth < wanted, !Task.isCancelled {
            let left = deadline - ContinuousClock.now
            if left <= .zero { return }
            try? await Task.sleep(for: min(step, left))
        }
    }

    private func offer(_ item: WriteQueue.Item) -> WriteQueue.Offer {
        let offer = queue.offer(item)
        if case .accepted(let depth) = offer { metrics.queueDepth.record(depth) }
        return offer
    }

    private func countDrop(_ reason: AnalyticsMetrics.DropReason) -> RecordOutcome {
        metrics.drop(reason)
        counts.withLock { $0.dropped += 1 }
        return .dropped(reason)
    }

    private func write(_ batch: WriteQueue.Batch, pace: YieldPace, to store: AnalyticsStore) {
        let clock = ContinuousClock()
        let start = clock.now
        let results = store.write(batch.runs, pace: pace)
        let elapsed = start.duration(to: clock.now)
        metrics.writeDuration.record(duration: elapsed)
        var written = 0
        var failed = 0
        for (index, (result, ack)) in zip(results, batch.acks).enumerated() {
            switch result {
            case .success:
                written += 1
                ack?.resume(returning: .committed)
            case .failure(let error):
                failed += 1
                logger.error("analytics write failed", metadata: ["run_id": "\(batch.runs[index].id)", "error": "\(error)"])
                ack?.resume(returning: .failed(error))
            }
        }
        metrics.written.increment(by: written)
        if failed > 0 { metrics.drop(.writeError, count: failed) }
        metrics.queueDepth.record(queue.depth)
        counts.withLock {
            $0.written += written
            $0.failed += failed
            $0.dropped += failed
            $0.batches += 1
        }
    }
}
