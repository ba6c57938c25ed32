import HTTPAPI
import Logging
import ServiceLifecycle
import Synchronization

/// Listed last in the service group so it hears graceful shutdown first: marks the server not ready
/// (draining) and remembers that shutdown was requested, so a drain timeout still exits 0.
final class ShutdownWatcher: Service, Sendable {
    private let requested = Atomic<Bool>(false)
    let flag: ReadinessFlag
    let logger: Logger

    init(flag: ReadinessFlag, logger: Logger) {
        self.flag = flag
        self.logger = logger
    }

    var shutdownRequested: Bool { requested.load(ordering: .acquiring) }

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return  // cancelled
        }
        requested.store(true, ordering: .releasing)
        flag.set(.notReady("draining: shutting down"))
        logger.notice("shutdown requested; draining in-flight requests")
    }
}
