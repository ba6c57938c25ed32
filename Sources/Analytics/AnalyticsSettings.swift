/// How the analytics store and writer behave. The executable fills it from the configuration.
public struct AnalyticsSettings: Sendable, Equatable {
    /// Like an fsync policy.
    public enum Durability: String, Sendable, CaseIterable {
        /// `record` returns only after the run is committed with `synchronous=FULL`.
        case full
        /// `record` enqueues and returns; batches are committed with `synchronous=NORMAL`.
        case normal
        /// Nothing is recorded.
        case off
    }

    /// What `record` does when the queue is full. Either way the event is counted.
    public enum OverflowPolicy: String, Sendable, CaseIterable {
        /// Wait for room (counted in `quiver_analytics_blocked_total`).
        case block
        /// Discard the run (counted in `quiver_analytics_dropped_total`).
        case drop
    }

    /// The database file, normally `<data dir>/analytics.db`.
    public var path: String
    public var durability: Durability
    public var overflow: OverflowPolicy
    /// Runs held in memory waiting for the writer.
    public var queueCapacity: Int
    /// Runs committed per transaction, at most.
    public var batchSize: Int
    /// How long a connection waits for a lock before failing with `SQLITE_BUSY`.
    public var busyTimeoutMilliseconds: Int32
    /// Store query text (runs and searches). Off for privacy: the columns stay NULL.
    public var storeQueryText: Bool
    /// Runs older than this many days are deleted; 0 keeps everything.
    public var retentionDays: Int
    /// Runs deleted per retention transaction (small, so writers are never held up long).
    public var retentionBatchSize: Int
    /// Seconds between retention passes.
    public var retentionIntervalSeconds: Int
    /// Page cache of the writing connection, in KiB (index inserts touch many pages per batch).
    public var writerCacheKilobytes: Int
    /// Largest `limit` accepted by ``AnalyticsStore/listRuns(_:)``.
    public var maxPageSize: Int
    /// Nice value of the thread that commits batches and deletes old runs (0 = the server's own
    /// priority, 19 = lowest): above 0, request handling gets the cores first whenever both want them.
    public var writerNiceness: Int
    /// With durability `normal`, how long the writer lets runs gather after the first one arrives before
    /// committing them together (0 = commit whatever is queued at once). One transaction per few hundred
    /// runs instead of one per run at moderate rates: less CPU, fewer wake-ups, the same data.
    public var flushIntervalMilliseconds: Int
    /// WAL length (pages) at which a checkpoint copies it into the database file. The checkpoint runs on a
    /// thread of its own at the lowest priority, off the writer's; if that thread falls 10x behind (no idle
    /// CPU), the writer checkpoints itself, so the WAL stays bounded.
    public var walCheckpointPages: Int

    /// How far past ``walCheckpointPages`` the WAL may grow before the writer checkpoints itself.
    public static let walCheckpointBacklogFactor = 10

    public init(
        path: String, durability: Durability = .normal, overflow: OverflowPolicy = .drop, queueCapacity: Int = 10_000,
        batchSize: Int = 512, busyTimeoutMilliseconds: Int32 = 5_000, storeQueryText: Bool = true, retentionDays: Int = 30,
        retentionBatchSize: Int = 500, retentionIntervalSeconds: Int = 3_600, maxPageSize: Int = 200, writerCacheKilobytes: Int = 32_768,
        writerNiceness: Int = 0, flushIntervalMilliseconds: Int = 50, walCheckpointPages: Int = 1_000
    ) {
        self.walCheckpointPages = walCheckpointPages
        self.writerNiceness = writerNiceness
        self.flushIntervalMilliseconds = flushIntervalMilliseconds
        self.writerCacheKilobytes = writerCacheKilobytes
        self.path = path
        self.durability = durability
        self.overflow = overflow
        self.queueCapacity = queueCapacity
        self.batchSize = batchSize
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.storeQueryText = storeQueryText
        self.retentionDays = retentionDays
        self.retentionBatchSize = retentionBatchSize
        self.retentionIntervalSeconds = retentionIntervalSeconds
        self.maxPageSize = maxPageSize
    }

    /// `<dataDirectory>/analytics.db` with defaults for everything else.
    public static func inDataDirectory(_ dataDirectory: String) -> AnalyticsSettings {
        let base = dataDirectory.hasSuffix("/") ? String(dataDirectory.dropLast()) : dataDirectory
        return AnalyticsSettings(path: base + "/analytics.db")
    }

    /// Checks every field; the error names the field, the value and the rule.
    public func validate() throws(AnalyticsError) {
        func require(_ ok: Bool, _ name: String, _ value: some Any, _ rule: String) throws(AnalyticsError) {
            if !ok { throw AnalyticsError(.invalidArgument, "analytics.\(name) = \(value): \(rule)") }
        }
        try require(!path.isEmpty, "path", "\"\"", "must name a file")
        try require(queueCapacity >= 1, "queueCapacity", queueCapacity, "must be at least 1")
        try require(batchSize >= 1, "batchSize", batchSize, "must be at least 1")
        try require(busyTimeoutMilliseconds >= 0, "busyTimeoutMilliseconds", busyTimeoutMilliseconds, "must be >= 0")
        try require(retentionDays >= 0, "retentionDays", retentionDays, "must be >= 0 (0 keeps everything)")
        try require(retentionBatchSize >= 1, "retentionBatchSize", retentionBatchSize, "must be at least 1")
        try require(retentionIntervalSeconds >= 1, "retentionIntervalSeconds", retentionIntervalSeconds, "must be at least 1")
        try require(writerCacheKilobytes >= 64, "writerCacheKilobytes", writerCacheKilobytes, "must be at least 64")
        try require(maxPageSize >= 1, "maxPageSize", maxPageSize, "must be at least 1")
        try require((0...19).contains(writerNiceness), "writerNiceness", writerNiceness, "must be 0 to 19")
        try require((0...10_000).contains(flushIntervalMilliseconds), "flushIntervalMilliseconds", flushIntervalMilliseconds, "must be 0 to 10000")
        try require((1...1_000_000).contains(walCheckpointPages), "walCheckpointPages", walCheckpointPages, "must be 1 to 1000000")
    }
}
