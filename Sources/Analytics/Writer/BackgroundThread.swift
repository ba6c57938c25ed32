#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import ThreadSupport

/// One POSIX thread of its own, at a lower scheduling priority, that runs the store's disk work (batch
/// commits, retention deletes, vacuum) one job at a time.
///
/// Why not the cooperative pool: Swift's pool has one thread per core (two here), and Hummingbird runs
/// request handlers on it. A batch commit blocks its thread for milliseconds; on the pool that would
/// stall half of the machine's request handling for as long. On this thread the commit competes only
/// for the CPU, and with a positive nice value (Linux keeps it per thread) the kernel gives the request
/// threads precedence whenever both want a core, so analytics catches up in the gaps between requests.
final class BackgroundThread: Sendable {
    private final class Shared: Sendable {
        struct State {
            var jobs: [@Sendable () -> Void] = []
            var head = 0
            var stopping = false
            var started = false
        }

        let state = Mutex(State())
        /// Counts jobs (and the final stop) so the thread sleeps in the kernel while there is nothing to do.
        nonisolated(unsafe) let signal: UnsafeMutablePointer<sem_t>

        init() {
            signal = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
            sem_init(signal, 0, 0)
        }

        deinit {
            sem_destroy(signal)
            signal.deallocate()
        }

        /// The thread's loop: run jobs in order until stopped and drained.
        func loop(niceness: Int32) {
            if niceness != 0 {
                // Best effort: an unprivileged process may always lower its own priority.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
            }
            while true {
                while sem_wait(signal) != 0 {}  // EINTR: wait again
                let job: (@Sendable () -> Void)?? = state.withLock { s in
                    guard s.head < s.jobs.count else { return s.stopping ? .some(nil) : nil }
                    let job = s.jobs[s.head]
                    s.head += 1
                    if s.head == s.jobs.count {
                        s.jobs.removeAll(keepingCapacity: true)
                        s.head = 0
                    }
                    return .some(job)
                }
                switch job {
                case .some(.some(let body)): body()
                case .some(.none): return
                case .none: continue
                }
            }
        }
    }

    private let shared = Shared()
    /// The nice value the thread sets for itself (0 = the process's own priority, 19 = lowest).
    let niceness: Int32

    init(niceness: Int32) {
        self.niceness = max(0, min(19, niceness))
    }

    deinit {
        stop()
    }

    /// Runs `body` on the thread after the jobs before it and returns its result; the caller's task
    /// suspends without holding a cooperative thread.
    func perform<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            submit { continuation.resume(returning: body()) }
        }
    }

    /// Runs `job` on the thread after the jobs before it, without waiting for it.
    func post(_ job: @escaping @Sendable () -> Void) {
        submit(job)
    }

    /// Lets the thread finish the jobs already submitted, then end. Jobs submitted later run on the
    /// caller's thread (nothing is lost after a stop).
    func stop() {
        let wake = shared.state.withLock { s -> Bool in
            guard s.started, !s.stopping else { return false }
            s.stopping = true
            return true
        }
        if wake { sem_post(shared.signal) }
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        enum Action { case post, start, runHere }
        let action = shared.state.withLock { s -> Action in
            if s.stopping { return .runHere }
            s.jobs.append(job)
            if s.started { return .post }
            s.started = true
            return .start
        }
        switch action {
        case .runHere:
            job()
        case .post:
            sem_post(shared.signal)
        case .start:
            sem_post(shared.signal)
            let shared = self.shared
            let niceness = self.niceness
            if DetachedThread.start(name: "quiver-sqlite", { shared.loop(niceness: niceness) }) != 0 {
                // No thread could be made (resource limits): run the queued work here rather than lose it.
                shared.state.withLock { $0.stopping = true }
                sem_post(shared.signal)
                shared.loop(niceness: 0)
            }
        }
    }
}
