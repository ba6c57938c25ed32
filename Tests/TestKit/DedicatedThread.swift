import Foundation

/// Runs blocking work (reading a child's pipe, waiting for it to exit) on a thread of its own.
///
/// Swift Testing runs tests on the cooperative pool, which has one thread per core: two here. A test
/// that blocks one of them for seconds stalls every other test in the process, and their time checks
/// then fail for no fault of their own. Blocking waits belong here instead.
public func onDedicatedThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let thread = Thread {
            continuation.resume(with: Result { try work() })
        }
        thread.start()
    }
}
