import Synchronization

/// Resumes a continuation with the first of several results (work or timer) and ignores the rest.
final class FirstResult<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var pending: Result<T, any Error>?
        var done = false
        var onFinish: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        let pending = state.withLock { s -> Result<T, any Error>? in
            if let p = s.pending {
                s.pending = nil
                return p
            }
            s.continuation = continuation
            return nil
        }
        if let pending { continuation.resume(with: pending) }
    }

    /// Runs `action` once a result is in (at once if it already is).
    func onFinish(_ action: @escaping @Sendable () -> Void) {
        let now = state.withLock { s -> Bool in
            if s.done { return true }
            s.onFinish = action
            return false
        }
        if now { action() }
    }

    /// Delivers `result` if it is the first; returns whether it was.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        let (first, continuation, action) = state.withLock { s -> (Bool, CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) in
            guard !s.done else { return (false, nil, nil) }
            s.done = true
            let c = s.continuation
            s.continuation = nil
            if c == nil { s.pending = result }
            let a = s.onFinish
            s.onFinish = nil
            return (true, c, a)
        }
        continuation?.resume(with: result)
        action?()
        return first
    }
}
