public import Logging
public import ServiceLifecycle

/// Deletes runs older than `retentionDays` every `retentionIntervalSeconds`, a small batch per
/// transaction with a pause between batches so the writer is never held up, then vacuums incrementally
/// and refreshes the query planner's statistics (also when retention is off: `retentionDays` 0).
public struct AnalyticsRetention: Service {
    let store: AnalyticsStore
    let logger: Logger
    let pauseBetweenBatches: Duration

    public init(store: AnalyticsStore, logger: Logger, pauseBetweenBatches: Duration = .milliseconds(20)) {
        self.store = store
        self.logger = logger
        self.pauseBetweenBatches = pauseBetweenBatches
    }

    public func run() async throws {
        let settings = store.settings
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if settings.retentionDays > 0 { _ = try await pass(days: settings.retentionDays) }
                try await Task.sleep(for: .seconds(settings.retentionIntervalSeconds))
                // A pass refreshes them itself; the store did at open.
                if settings.retentionDays == 0 { await refreshStatistics() }
            }
        }
    }

    /// Refreshes the planner's statistics as the data grows, so that time-range queries keep their
    /// skip-scans. Logged, never thrown.
    func refreshStatistics() async {
        do {
            try await store.onWriterThread { [store] () throws(AnalyticsError) in try store.refreshStatistics() }
        } catch {
            logger.error("analytics statistics refresh failed", metadata: ["error": "\(error)"])
        }
    }

    /// One pass (deletes, vacuum, planner statistics, like ``AnalyticsStore/applyRetention(days:now:batchSize:)``):
    /// returns the number of runs deleted. Errors are logged, not thrown (analytics never stops the service),
    /// except cancellation.
    public func pass(days: Int, now: Int64? = nil) async throws -> Int {
        let (span, overflow) = Int64(days).multipliedReportingOverflow(by: 86_400_000)
        let cutoff = (now ?? AnalyticsStore.nowMilliseconds()) - (overflow ? Int64.max / 2 : span)
        var total = 0
        do {
            while true {
                let deleted = try await store.onWriterThread { [store] () throws(AnalyticsError) -> Int in
                    try store.deleteRuns(startedBefore: cutoff, batchSize: store.settings.retentionBatchSize)
                }
                total += deleted
                if deleted == 0 { break }
                try await Task.sleep(for: pauseBetweenBatches)
            }
            if total > 0 {
                try await store.onWriterThread { [store] () throws(AnalyticsError) in try store.incrementalVacuum() }
                logger.info("analytics retention", metadata: ["deleted_runs": "\(total)", "days": "\(days)"])
            }
        } catch let error as AnalyticsError {
            logger.error("analytics retention failed", metadata: ["error": "\(error)"])
        }
        await refreshStatistics()
        return total
    }
}
