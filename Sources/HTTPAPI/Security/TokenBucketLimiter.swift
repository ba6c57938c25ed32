import Synchronization

/// Token buckets keyed by client (API key id or address), refilled continuously.
///
/// Memory is bounded by `maxClients`: when the table is full, buckets that have refilled completely
/// (equivalent to a fresh bucket) are dropped first, then the least recently used.
public final class TokenBucketLimiter: Sendable {
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Seconds until one token is available (at least 1).
        case limited(retryAfterSeconds: Int)
    }

    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public let settings: RateLimitSettings
    private let ratePerSecond: Double
    private let buckets: Mutex<[String: Bucket]>

    public init(settings: RateLimitSettings) {
        self.settings = settings
        self.ratePerSecond = Double(settings.requestsPerMinute) / 60
        self.buckets = Mutex([:])
    }

    public var trackedClients: Int { buckets.withLock { $0.count } }

    public func acquire(key: String, now: ContinuousClock.Instant = .now) -> Decision {
        guard settings.enabled else { return .allowed }
        let capacity = Double(max(settings.burst, 1))
        let rate = ratePerSecond
        return buckets.withLock { table in
            var bucket: Bucket
            if let existing = table[key] {
                bucket = existing
                let elapsed = Self.seconds(now - bucket.updated)
                bucket.tokens = min(capacity, bucket.tokens + max(elapsed, 0) * rate)
            } else {
                if table.count >= settings.maxClients {
                    Self.evict(&table, now: now, capacity: capacity, rate: rate, keep: settings.maxClients)
                }
                bucket = Bucket(tokens: capacity, updated: now)
            }
            bucket.updated = now
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                table[key] = bucket
                return .allowed
            }
            table[key] = bucket
            let wait = (1 - bucket.tokens) / rate
            let seconds = wait.isFinite ? Int(min(wait.rounded(.up), 86_400)) : 60
            return .limited(retryAfterSeconds: max(seconds, 1))
        }
    }

    private static func evict(_ table: inout [String: Bucket], now: ContinuousClock.Instant, capacity: Double, rate: Double, keep: Int) {
        let fullAfter = rate > 0 ? capacity / rate : 0
        table = table.filter { seconds(now - $0.value.updated) < fullAfter }
        guard table.count >= keep else { return }
        // Still full of active clients: drop the least recently used half.
        let sorted = table.sorted { $0.value.updated < $1.value.updated }
        for (key, _) in sorted.prefix(max(table.count - keep / 2, 1)) {
            table[key] = nil
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
