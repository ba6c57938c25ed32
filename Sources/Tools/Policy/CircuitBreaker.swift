import Synchronization

/// One tool's circuit breaker: opens after `threshold` consecutive failures, lets one probe through
/// after `cooldown` (half-open), closes on a success and opens again on a failure.
final class CircuitBreaker: Sendable {
    enum Phase: Equatable, Sendable {
        case closed(failures: Int)
        case open(until: ContinuousClock.Instant)
        case halfOpen
    }

    /// What `admit` decided.
    enum Admission: Equatable {
        case allowed
        /// Refused; the breaker stays open for this long.
        case refused(remaining: Duration)
    }

    let threshold: Int
    let cooldown: Duration
    private let phase = Mutex(Phase.closed(failures: 0))

    init(threshold: Int, cooldown: Duration) {
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
    }

    var current: Phase { phase.withLock { $0 } }

    func admit(now: ContinuousClock.Instant = .now) -> Admission {
        phase.withLock { p in
            switch p {
            case .closed: return .allowed
            case .halfOpen: return .refused(remaining: .zero)
            case .open(let until):
                if now >= until {
                    p = .halfOpen
                    return .allowed
                }
                return .refused(remaining: until - now)
            }
        }
    }

    /// Records a success; returns true when this closed an open or half-open breaker.
    func recordSuccess() -> Bool {
        phase.withLock { p in
            let wasOpen: Bool
            if case .closed = p { wasOpen = false } else { wasOpen = true }
            p = .closed(failures: 0)
            return wasOpen
        }
    }

    /// Records a failure; returns true when this opened the breaker.
    func recordFailure(now: ContinuousClock.Instant = .now) -> Bool {
        phase.withLock { p in
            switch p {
            case .closed(let failures):
                if failures + 1 >= threshold {
                    p = .open(until: now + cooldown)
                    return true
                }
                p = .closed(failures: failures + 1)
                return false
            case .halfOpen, .open:
                p = .open(until: now + cooldown)
                return true
            }
        }
    }
}
