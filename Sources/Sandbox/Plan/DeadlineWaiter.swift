import Synchronization

/// Waits until a deadline on behalf of timeouts that are almost always cancelled (a plan's deadline, a tool
/// call's timeout), without leaving a timer behind when they are.
///
/// `Task.sleep` cannot be used for these: on Linux a cancelled sleep resumes at once, but its timer stays
/// queued until the original deadline and keeps about 700 bytes alive with it. A plan run with two tool calls
/// left three such timers of 30-60 s each: at 10,000 requests a second the server held over a gigabyte for
/// timers that would never matter, and every new timer cost more to insert into the dispatch timer heap.
///
/// Here a waiter is an entry in a table; cancelling the wait removes it. One ticker task, alive only while
/// the table has entries, wakes at the earliest deadline or after ``tick`` (whichever is sooner), resumes
/// the waiters whose deadline has passed, and sleeps again; its own sleeps always run to their end. A wait
/// registered while the ticker sleeps ends at most ``tick`` late.
public final class DeadlineWaiter: Sendable {
    /// The waiter every plan run and tool call uses.
    public static let shared = DeadlineWaiter()

    /// The longest the ticker sleeps while waiters are registered; the most a wait can end late.
    public let tick: Duration

    private struct Waiter {
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var waiters: [UInt64: Waiter] = [:]
        var nextID: UInt64 = 0
        /// Ids whose cancellation ran before their waiter was registered.
        var cancelledEarly: Set<UInt64> = []
        var tickerRunning = false
    }

    private let state = Mutex(State())

    public init(tick: Duration = .milliseconds(5)) {
        self.tick = tick
    }

    /// Waiters registered now (for tests and diagnostics).
    public var pendingCount: Int { state.withLock { $0.waiters.count } }

    /// Returns at `deadline` (up to ``tick`` later); throws `CancellationError` as soon as the task is
    /// cancelled, and then nothing of the wait is left behind.
    public func wait(until deadline: ContinuousClock.Instant) async throws {
        let id = state.withLock { s in
            s.nextID &+= 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let startTicker = state.withLock { s -> Bool in
                    if s.cancelledEarly.remove(id) != nil {
                        continuation.resume(throwing: CancellationError())
                        return false
                    }
                    s.waiters[id] = Waiter(deadline: deadline, continuation: continuation)
                    if s.tickerRunning { return false }
                    s.tickerRunning = true
                    return true
                }
                if startTicker { Task.detached { await self.runTicker() } }
            }
        } onCancel: {
            state.withLock { s in
                if let waiter = s.waiters.removeValue(forKey: id) {
                    waiter.continuation.resume(throwing: CancellationError())
                } else {
                    // Not registered yet (or already resumed at its deadline, then this entry is never read).
                    s.cancelledEarly.insert(id)
                }
            }
        }
        // A wait resumed at its deadline may still find its id in `cancelledEarly` if cancellation raced it.
        state.withLock { _ = $0.cancelledEarly.remove(id) }
    }

    /// Waits `duration` from now (see ``wait(until:)``).
    public func wait(for duration: Duration) async throws {
        try await wait(until: ContinuousClock.now.advanced(by: duration))
    }

    private func runTicker() async {
        while true {
            let now = ContinuousClock.now
            let (due, next) = state.withLock { s -> ([CheckedContinuation<Void, any Error>], ContinuousClock.Instant?) in
                var dueIDs: [UInt64] = []
                var earliest: ContinuousClock.Instant?
                for (id, waiter) in s.waiters {
                    if waiter.deadline <= now {
                        dueIDs.append(id)
                    } else if earliest.map({ waiter.deadline < $0 }) ?? true {
                        earliest = waiter.deadline
                    }
                }
                let due = dueIDs.compactMap { s.waiters.removeValue(forKey: $0)?.continuation }
                if earliest == nil { s.tickerRunning = false }
                return (due, earliest)
            }
            for continuation in due { continuation.resume() }
            guard let next else { return }
            // Never cancelled, so this sleep's timer ends when it fires, like the sleep itself.
            try? await Task.sleep(until: min(next, now.advanced(by: tick)), clock: .continuous)
        }
    }
}
