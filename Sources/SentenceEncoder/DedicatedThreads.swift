#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Runs blocking, CPU-bound work (forward passes through BLAS) on threads of its own.
///
/// Swift's cooperative pool has one thread per core (two here). Embedding a catalog takes seconds, and
/// running it on that pool would stall every request the server is handling, `/health` included, for as
/// long. The workers therefore run on dedicated POSIX threads and the caller awaits them without holding
/// a cooperative thread.
enum DedicatedThreads {
    /// Runs `body` once on each of `count` new threads and returns when all have finished.
    static func run(count: Int, _ body: @escaping @Sendable () -> Void) async {
        guard count > 0 else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let countdown = Countdown(count: count, continuation: continuation)
            for _ in 0..<count {
                let work = Work {
                    body()
                    countdown.finishOne()
                }
                if !start(work) {
                    // No thread could be made (resource limits): do the work here rather than fail.
                    work.body()
                }
            }
        }
    }

    private final class Work: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
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

    private static func start(_ work: Work) -> Bool {
        let argument = Unmanaged.passRetained(work).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, argument)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(argument).release()
            return false
        }
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
        return true
    }
}
