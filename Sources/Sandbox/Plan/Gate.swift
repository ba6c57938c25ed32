import Synchronization

/// An async counting semaphore that honours Task cancellation (a cancelled waiter leaves the queue).
final class Gate: Sendable {
    private struct State {
        var available: Int
        var nextID: UInt64 = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    }
    private let state: Mutex<State>

    init(permits: Int) { state = Mutex(State(available: max(1, permits))) }

    func acquire() async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                state.withLock { s in
                    if Task.isCancelled {
                        c.resume(throwing: CancellationError())
                    } else if s.available > 0 {
                        s.available -= 1
                        c.resume()
                    } else {
                        s.waiters.append((id, c))
                    }
                }
            }
        } onCancel: {
            state.withLock { s in
                if let i = s.waiters.firstIndex(where: { $0.id == id }) {
                    let w = s.waiters.remove(at: i)
                    w.continuation.resume(throwing: CancellationError())
                }
            }
        }
    }

    func release() {
        state.withLock { s in
            if s.waiters.isEmpty {
                s.available += 1
            } else {
                let w = s.waiters.removeFirst()
                w.continuation.resume()
            }
        }
    }
}
