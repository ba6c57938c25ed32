public import Catalog
public import Logging
public import Ranking
import Synchronization

/// The tool runtime of a server: holds the current ``ToolCatalogSnapshot`` (catalog + index), loads
/// and reloads it through a loader the executable supplies (which reads the catalog directory and
/// chooses the embedder), and swaps snapshots atomically.
///
/// - Searches take the snapshot once and finish on it, so a reload never fails a request in flight.
/// - Loads run one at a time, in the order asked; a failed load keeps the snapshot served and is
///   reported (``readiness``, the log, the caller).
/// - Until the first load succeeds, ``readiness`` is not ready and searches throw ``ToolCatalogNotLoaded``.
public final class ToolCatalogService: Sendable {
    /// Builds a snapshot; gets the snapshot currently served (nil on the first load).
    public typealias Loader = @Sendable (_ current: ToolCatalogSnapshot?) async throws -> ToolCatalogSnapshot

    struct State {
        var snapshot: ToolCatalogSnapshot?
        var generation = 0
        var lastFailure: ReloadFailure?
    }

    private let state = Mutex(State())
    /// The last load asked for; each load waits for the one before it.
    private let tail = Mutex<Task<Void, Never>?>(nil)
    private let loader: Loader
    public let logger: Logger

    public init(logger: Logger = Logger(label: "quiver.catalog"), loader: @escaping Loader) {
        self.logger = logger
        self.loader = loader
    }

    /// A service already serving `snapshot` (generation 1).
    public convenience init(snapshot: ToolCatalogSnapshot, logger: Logger = Logger(label: "quiver.catalog"), loader: @escaping Loader) {
        self.init(logger: logger, loader: loader)
        state.withLock {
            $0.snapshot = snapshot
            $0.generation = 1
        }
    }

    /// The snapshot served now (nil before the first load).
    public var snapshot: ToolCatalogSnapshot? { state.withLock { $0.snapshot } }

    /// Loads since start that succeeded.
    public var generation: Int { state.withLock { $0.generation } }

    /// The failure of the last load, nil when it succeeded.
    public var lastFailure: ReloadFailure? { state.withLock { $0.lastFailure } }

    /// The snapshot served now, or ``ToolCatalogNotLoaded`` (a 503) before the first load.
    public func currentSnapshot() throws(ToolCatalogNotLoaded) -> ToolCatalogSnapshot {
        let (snapshot, failure) = state.withLock { ($0.snapshot, $0.lastFailure) }
        guard let snapshot else { throw ToolCatalogNotLoaded(failure: failure?.message) }
        return snapshot
    }

    /// For a readiness check: not ready until the first load succeeds; then ready with a summary
    /// (tools, search mode, embedder or why none, cache) and the last reload's failure, if any.
    public var readiness: ReadinessReport {
        let (snapshot, failure) = state.withLock { ($0.snapshot, $0.lastFailure) }
        guard let snapshot else {
            if let failure { return .notReady("the tool index could not be built: \(failure.message)") }
            return .notReady("loading the catalog and building the tool index")
        }
        var message = snapshot.summary
        if let failure {
            message += "; the last reload failed and the previous index is still served: \(failure.message)"
        }
        return .ready(message)
    }

    /// Loads (or reloads) the catalog and installs the new snapshot, after any load already running.
    /// Never throws: the outcome says what happened, and a failure leaves the served snapshot in place.
    @discardableResult
    public func reload() async -> ReloadOutcome {
        let task = tail.withLock { previous -> Task<ReloadOutcome, Never> in
            let before = previous
            let next = Task { () -> ReloadOutcome in
                await before?.value
                return await self.performLoad()
            }
            previous = Task { _ = await next.value }
            return next
        }
        return await task.value
    }

    private func performLoad() async -> ReloadOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let current = snapshot
        do {
            let next = try await loader(current)
            let generation = state.withLock { state -> Int in
                state.snapshot = next
                state.generation += 1
                state.lastFailure = nil
                return state.generation
            }
            let report = ReloadReport(
                generation: generation, snapshot: next, previousContentHash: current?.catalog.contentHash, duration: clock.now - start)
            logger.notice(
                current == nil ? "tool index ready" : "catalog reloaded",
                metadata: [
                    "generation": .stringConvertible(generation), "tools": .stringConvertible(next.catalog.count),
                    "mode": .string(next.defaultMode.rawValue), "embedder": .string(next.embedder.note),
                    "changed": .stringConvertible(report.changed), "duration_ms": .stringConvertible(report.duration.wholeMilliseconds),
                    "cache": .string(next.index.cacheReport.map { "\($0.status.rawValue) reused=\($0.reused) embedded=\($0.embedded)" } ?? "none"),
                    "bm25_cache": .string(next.index.bm25CacheReport?.status.rawValue ?? "none"),
                ])
            if let problem = next.index.cacheReport?.problem ?? next.index.bm25CacheReport?.problem {
                logger.warning("embedding cache problem (the index is complete; the file was rebuilt or left unwritten)", metadata: ["problem": .string(problem)])
            }
            return .reloaded(report)
        } catch {
            let failure = ReloadFailure(error)
            state.withLock { $0.lastFailure = failure }
            logger.error(
                current == nil ? "tool index could not be built" : "catalog reload failed; still serving the previous index",
                metadata: ["error": .string(failure.message), "problems": .stringConvertible(failure.issues.count)])
            return .failed(failure)
        }
    }
}

extension Duration {
    /// Whole milliseconds (for logs and reports).
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
