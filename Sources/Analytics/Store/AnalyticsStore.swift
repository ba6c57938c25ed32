import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// `analytics.db`: opens it (WAL, busy timeout, incremental auto-vacuum), migrates it, writes runs
/// in batched transactions and answers the run queries.
///
/// One connection writes (behind a lock, used by ``AnalyticsWriter`` and retention); another reads, so
/// list and detail queries never wait for a batch to commit (WAL readers see the last committed state).
public final class AnalyticsStore: Sendable {
    public let settings: AnalyticsSettings
    let writeConnection: Mutex<Database>
    let readConnection: Mutex<Database>
    /// Where the writer's commits and retention's deletes run: a thread of their own, never the
    /// cooperative pool (see ``BackgroundThread``).
    let background: BackgroundThread
    /// Whether `runs.request_id` exists (schema version 3; older only when opened at an older version in tests).
    let hasRequestID: Bool
    /// Checkpoints: a connection and a thread of their own, at the lowest priority (see ``checkpointIfDue(_:)``).
    let checkpointConnection: Mutex<Database>
    let checkpointer = BackgroundThread(niceness: 19)
    let checkpointQueued = Atomic<Bool>(false)
    /// Checkpoints run so far: by the checkpointer, and by the writer when the checkpointer fell behind.
    let checkpointCounts = Mutex((background: 0, inline: 0))

    /// Opens or creates the database and runs pending migrations.
    /// - Parameter schemaVersion: migrate only up to this version (tests of older schemas); nil = newest.
    public init(settings: AnalyticsSettings, schemaVersion: Int? = nil) throws(AnalyticsError) {
        try settings.validate()
        self.settings = settings
        background = BackgroundThread(niceness: Int32(settings.writerNiceness))
        do {
            // The data directory is created on first start.
            let directory = URL(fileURLWithPath: settings.path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let db = try Database(path: settings.path, busyTimeoutMilliseconds: settings.busyTimeoutMilliseconds)
            // auto_vacuum only takes effect before the first table is created, so it comes first.
            try db.execute("PRAGMA auto_vacuum = INCREMENTAL")
            let mode = try db.scalar("PRAGMA journal_mode = WAL")
            guard mode.string?.lowercased() == "wal" else {
                throw AnalyticsError(.sqlite, "\(settings.path): journal_mode WAL refused (got \(mode))")
            }
            let synchronous = settings.durability == .full ? "FULL" : "NORMAL"
            // Foreign keys stay declared but are not enforced on this connection: the writer inserts children
            // with their run's seq from the same transaction and retention deletes children first, so the check
            // would only cost a lookup per child row. `quiver analytics check` runs `foreign_key_check`.
            try db.execute("PRAGMA synchronous = \(synchronous); PRAGMA foreign_keys = OFF")
            try db.execute("PRAGMA cache_size = -\(settings.writerCacheKilobytes)")
            let version = try Migrator().migrate(db, upTo: schemaVersion, nowMilliseconds: Self.nowMilliseconds())
            hasRequestID = version >= 3
            try Self.refreshStatistics(db)
            let reader = try Database(path: settings.path, busyTimeoutMilliseconds: settings.busyTimeoutMilliseconds)
            try reader.execute("PRAGMA query_only = ON")
            let checkpointing = try Database(path: settings.path, busyTimeoutMilliseconds: settings.busyTimeoutMilliseconds)
            try checkpointing.execute("PRAGMA synchronous = \(synchronous)")
            db.takeOverCheckpoints()
            writeConnection = Mutex(db)
            readConnection = Mutex(reader)
            checkpointConnection = Mutex(checkpointing)
        } catch {
            throw AnalyticsError.wrap(error, "opening \(settings.path)")
        }
    }

    /// The database's schema version.
    public func schemaVersion() throws(AnalyticsError) -> Int {
        do {
            return try readConnection.withLock { db in try Int(db.scalar("SELECT MAX(version) FROM schema_version").int64 ?? 0) }
        } catch { throw AnalyticsError.wrap(error, "reading schema_version") }
    }

    /// Writes `runs` in one transaction and returns one result per run, in order.
    ///
    /// The batch is first tried as a whole; if any run fails (a duplicate id), it is rolled back and
    /// retried with one savepoint per run, so only the bad run fails.
    /// - Parameter pace: how often the inserts offer the processor to other threads (see ``YieldPace``).
    public func write(_ runs: [RunRecord], pace: YieldPace = .everyChunk) -> [Result<Void, AnalyticsError>] {
        writeConnection.withLock { db in
            do {
                try db.transaction {
                    var seq = try Self.nextSeq(db)
                    var start = runs.startIndex
                    while start < runs.endIndex {
                        let end = min(runs.endIndex, start + Self.rowsPerStatement)
                        Self.yieldProcessor(before: start)
                        try insert(runs[start..<end], firstSeq: seq, pace: pace, into: db)
                        seq += Int64(end - start)
                        start = end
                    }
                }
                checkpointIfDue(db)
                return runs.map { _ in .success(()) }
            } catch {
                // Fall through to the careful path.
            }
            var results: [Result<Void, AnalyticsError>] = []
            results.reserveCapacity(runs.count)
            do {
                try db.transaction {
                    for index in runs.indices {
                        Self.yieldProcessor(before: index)
                        do {
                            try db.savepoint("run") { try insert(runs[index...index], firstSeq: try Self.nextSeq(db), into: db) }
                            results.append(.success(()))
                        } catch {
                            results.append(.failure(AnalyticsError.wrap(error, "writing run \(runs[index].id)")))
                        }
                    }
                }
            } catch {
                let failure = AnalyticsError.wrap(error, "committing a batch of \(runs.count) runs")
                return runs.map { _ in .failure(failure) }
            }
            checkpointIfDue(db)
            return results
        }
    }

    /// Runs inserted between two offers of the processor with ``YieldPace/everyChunk`` (about 100 µs of CPU at
    /// 6-7 µs a run); one multi-row statement's worth.
    static let runsPerYield = rowsPerStatement

    /// Offers the processor to any thread waiting for it (`sched_yield`) before every `runsPerYield`th run of a
    /// batch but the first. Linux does not preempt a running thread for a waking one before its time slice
    /// ends or the next timer tick: `perf sched` showed the writer holding a core for 4.9 ms in one go while a
    /// request thread waited 5.1 ms for it. Yielding every few runs bounds that wait (without any yield, the
    /// request p99 of `/v1/plans/run` at saturation was 1.40x that of backend `none`).
    static func yieldProcessor(before index: Int) {
        if index > 0, index % runsPerYield == 0 { _ = sched_yield() }
    }

    /// Copies the WAL into the database file once it holds `walCheckpointPages` pages; call after a commit on
    /// the write connection `db`.
    ///
    /// SQLite's automatic checkpoint did this inside the commit that crossed 1,000 pages: several ms of copying
    /// on the writer's thread in one go, with no chance to yield, every half second at saturation. That
    /// burst was most of what analytics added to the request p99 of `/v1/plans/run` at saturation (1.11x of
    /// backend `none` with it, 0.91x with no checkpoints at all, `request_p99.sh`). Here a thread at nice 19
    /// checkpoints (PASSIVE: it never waits for, or blocks, the writer or readers) with a connection of its
    /// own, in CPU time nobody else wants. If it falls `walCheckpointBacklogFactor` times behind (a saturated
    /// machine leaves it no time), the writer checkpoints inline, as SQLite would have, so the WAL stays bounded.
    /// A checkpoint that fails (another one is running: SQLITE_BUSY) is simply tried again after a later commit.
    func checkpointIfDue(_ db: Database) {
        let frames = db.walFrames
        let due = settings.walCheckpointPages
        guard frames >= due else { return }
        if frames >= due * AnalyticsSettings.walCheckpointBacklogFactor {
            if Self.checkpoint(db) { checkpointCounts.withLock { $0.inline += 1 } }
            return
        }
        guard checkpointQueued.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        checkpointer.post { [self] in
            if checkpointConnection.withLock({ Self.checkpoint($0) }) { checkpointCounts.withLock { $0.background += 1 } }
            checkpointQueued.store(false, ordering: .releasing)
        }
    }

    /// A PASSIVE checkpoint; true when it copied the whole WAL (its row's `busy` column is 0).
    static func checkpoint(_ db: Database) -> Bool {
        guard let row = try? db.query("PRAGMA wal_checkpoint(PASSIVE)").first else { return false }
        return row.first?.int64 == 0
    }

    /// Runs `body` (disk work on the write connection) on the store's background thread; the caller
    /// suspends without holding a cooperative thread.
    func onWriterThread<T: Sendable>(_ body: @escaping @Sendable () throws(AnalyticsError) -> T) async throws(AnalyticsError) -> T {
        let result: Result<T, AnalyticsError> = await background.perform { Result { () throws(AnalyticsError) -> T in try body() } }
        return try result.get()
    }

    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
