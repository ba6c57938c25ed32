#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import ThreadSupport

/// Runs blocking, CPU-bound work (forward passes through BLAS) on threads of its own.
///
/// Swift's cooperative pool has one thread per core (two here). Embedding a catalog takes seconds, and
/// running it on that pool would stall every request the server is handling, `/health` included, for as
/// long. The workers therefore run on dedicated POSIX threads and the caller awaits them without holding
/// a cooperative thread.
enum DedicatedThreads {
    /// Runs `body` once on each of `count` new threads and returns when all have finished.
    static func run(count: Int, name: String = "quiver-encoder", _ body: @escaping @Sendable () -> Void) async {
        guard count > 0 else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let countdown = Countdown(count: count, continuation: continuation)
            for _ in 0..<count {
                let work: @Sendable () -> Void = {
                    body()
                    countdown.finishOne()
                }
                if DetachedThread.start(name: name, work) != 0 {
                    // No thread could be made (resource limits): do the work here rather than fail.
                    work()
                }
            }
        }
    }

    private final class Countdown: Sendable {
        private let state: Mutex<(left: Int, continuation: CheckedContinuation<Void, Never>?)>
        init(count: Int, continuation: CheckedContinuation<Void, Never>) {
            state = Mutex((count, continuation))
        }
        func finishOne() {
            let done = state.withLock { s -> CheckedContinuation<Void, Never>? in
                s.left -= 1
                guard s.left == 0 else { return nil }
                defer { s.continuation = nil }
                return s.continuation
            }
            done?.resume()
        }
    }
}
