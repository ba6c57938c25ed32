import Synchronization

/// Remembers recent runs by idempotency key: the same key with the same request body within `ttl`
/// returns the same run (a run still in progress is awaited, not repeated); the same key with another
/// body is a conflict. Holds at most `capacity` keys, dropping the oldest first.
public final class IdempotencyCache: Sendable {
    public enum Lookup: Sendable {
        /// Run it: nobody holds the key. Call ``complete(key:outcome:)`` when done.
        case miss
        /// The same request ran (or is running): its outcome.
        case hit(QueryOutcome)
        /// The key was used with a different request body.
        case conflict
    }

    private struct Entry {
        var fingerprint: String
        var expires: ContinuousClock.Instant
        var outcome: QueryOutcome?
        var waiters: [CheckedContinuation<QueryOutcome?, Never>] = []
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
    }

    public let ttl: Duration
    public let capacity: Int
    private let state = Mutex(State())

    public init(ttl: Duration = .seconds(300), capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = max(1, capacity)
    }

    public var count: Int { state.withLock { $0.entries.count } }

    /// Claims `key` for a request whose body is `fingerprint`, or returns the earlier run.
    public func begin(key: String, fingerprint: String) async -> Lookup {
        enum Step { case miss, conflict, done(QueryOutcome), wait }
        let now = ContinuousClock.now
        let step = state.withLock { s -> Step in
            if let entry = s.entries[key], entry.expires > now {
                guard entry.fingerprint == fingerprint else { return .conflict }
                if let outcome = entry.outcome { return .done(outcome) }
                return .wait
            }
            s.entries[key] = Entry(fingerprint: fingerprint, expires: now + ttl)
            s.order.removeAll { $0 == key }
            s.order.append(key)
            while s.order.count > capacity {
                let oldest = s.order.removeFirst()
                if let dropped = s.entries.removeValue(forKey: oldest) { dropped.waiters.forEach { $0.resume(returning: nil) } }
            }
            return .miss
        }
        switch step {
        case .miss: return .miss
        case .conflict: return .conflict
        case .done(let outcome): return .hit(outcome)
        case .wait:
            let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<QueryOutcome?, Never>) in
                let immediate = state.withLock { s -> QueryOutcome?? in
                    guard var entry = s.entries[key] else { return .some(nil) }
                    if let outcome = entry.outcome { return .some(outcome) }
                    entry.waiters.append(continuation)
                    s.entries[key] = entry
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
            return outcome.map { .hit($0) } ?? .miss
        }
    }

    /// Stores the outcome of a run begun with ``begin(key:fingerprint:)`` and wakes requests waiting for it.
    public func complete(key: String, outcome: QueryOutcome) {
        let waiters = state.withLock { s -> [CheckedContinuation<QueryOutcome?, Never>] in
            guard var entry = s.entries[key] else { return [] }
            entry.outcome = outcome
            let waiting = entry.waiters
            entry.waiters = []
            s.entries[key] = entry
            return waiting
        }
        waiters.forEach { $0.resume(returning: outcome) }
    }

    /// Forgets `key` (a run that was cancelled before it finished); waiters run the request themselves.
    public func abandon(key: String) {
        let waiters = state.withLock { s -> [CheckedContinuation<QueryOutcome?, Never>] in
            guard let entry = s.entries.removeValue(forKey: key) else { return [] }
            s.order.removeAll { $0 == key }
            return entry.waiters
        }
        waiters.forEach { $0.resume(returning: nil) }
    }
}
