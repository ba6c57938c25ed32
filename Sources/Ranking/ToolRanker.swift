import Synchronization

/// The ranker a server holds: the current ``ToolIndex`` snapshot plus a query-result cache.
/// `replace(with:)` swaps the snapshot atomically; searches already running finish on the
/// snapshot they took, new ones see the new index.
public final class ToolRanker: Sendable {
    private let current: Mutex<ToolIndex>
    private let cache: Mutex<QueryCache>

    public init(index: ToolIndex) {
        current = Mutex(index)
        cache = Mutex(QueryCache(capacity: index.settings.queryCacheCapacity))
    }

    /// The snapshot searches use now.
    public var index: ToolIndex { current.withLock { $0 } }

    /// Installs a new snapshot (a catalog reload) and returns the previous one.
    @discardableResult
    public func replace(with index: ToolIndex) -> ToolIndex {
        current.withLock { old in
            let previous = old
            old = index
            return previous
        }
    }

    /// Searches the current snapshot, answering repeated questions from the cache.
    public func search(query: String, k: Int, mode: SearchMode = .auto) async throws -> SearchResponse {
        let snapshot = index
        let key = QueryCache.Key(contentHash: snapshot.contentHash, query: query, k: k, mode: mode)
        if let hit = cache.withLock({ $0.get(key) }) { return hit }
        let response = try await snapshot.search(query: query, k: k, mode: mode)
        cache.withLock { $0.put(key, response) }
        return response
    }

    /// Cache statistics: entries held, hits, misses.
    public var cacheStatistics: (entries: Int, hits: Int, misses: Int) {
        cache.withLock { ($0.count, $0.hits, $0.misses) }
    }
}
