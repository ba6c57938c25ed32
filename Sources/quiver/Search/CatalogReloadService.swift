import HTTPAPI
import Logging
import ServiceLifecycle
import UnixSignals

/// Builds the tool index once the server runs (readiness waits for it), then reloads the catalog on
/// every SIGHUP. Each reload swaps the index atomically; a failed one keeps the index served.
struct CatalogReloadService: Service {
    let service: ToolCatalogService
    let logger: Logger

    func run() async throws {
        // Trap SIGHUP before the first load, so an early one reloads instead of ending the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await service.reload()
        for await _ in hangups.cancelOnGracefulShutdown() {
            logger.notice("SIGHUP: reloading the catalog")
            await service.reload()
        }
    }
}
