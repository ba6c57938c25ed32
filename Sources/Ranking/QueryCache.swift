/// A bounded cache of search responses. Keys include the index's content hash, so a response
/// computed on one catalog is never served for another; the oldest entries go first.
struct QueryCache: Sendable {
    struct Key: Hashable, Sendable {
        var contentHash: UInt64
        var query: String
        var k: Int
        var mode: SearchMode
    }

    let capacity: Int
    private var entries: [Key: (response: SearchResponse, stamp: UInt64)] = [:]
    private var clock: UInt64 = 0
    private(set) var hits = 0
    private(set) var misses = 0

    init(capacity: Int) { self.capacity = max(capacity, 0) }

    var count: Int { entries.count }

    mutating func get(_ key: Key) -> SearchResponse? {
        guard var entry = entries[key] else {
            misses += 1
            return nil
        }
        clock &+= 1
        entry.stamp = clock
        entries[key] = entry
        hits += 1
        return entry.response
    }

    mutating func put(_ key: Key, _ response: SearchResponse) {
        guard capacity > 0 else { return }
        if entries[key] == nil, entries.count >= capacity {
            // Evict the least recently used eighth in one pass, so eviction is amortised O(1).
            let drop = max(capacity / 8, 1)
            let oldest = entries.sorted { $0.value.stamp < $1.value.stamp }.prefix(drop).map(\.key)
            for k in oldest { entries[k] = nil }
        }
        clock &+= 1
        entries[key] = (response, clock)
    }
}
