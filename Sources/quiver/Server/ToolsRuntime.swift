import Catalog
import HTTPAPI
import Logging
import Synchronization
import Tools

/// What `quiver serve` keeps between catalog loads for running tools: the MCP hub and the executor
/// made at start. Every catalog (re)load goes through it: the MCP servers are re-listed and their tools
/// merged into the catalog (so the index ranks them), and the new snapshot gets an executor over that
/// same catalog (``CatalogToolExecutor/reloaded(catalog:)``: unchanged tools keep their breaker state).
final class ToolsRuntime: Sendable {
    let hub: MCPToolHub?
    let logger: Logger
    private let startExecutor = Mutex<CatalogToolExecutor?>(nil)

    init(hub: MCPToolHub?, logger: Logger) {
        self.hub = hub
        self.logger = logger
    }

    /// The executor made at start (before the first snapshot); set once by ``ToolsSetup/install``.
    var start: CatalogToolExecutor? {
        get { startExecutor.withLock { $0 } }
        set { startExecutor.withLock { $0 = newValue } }
    }

    /// `catalog` with the MCP servers' tools: re-listed first when `relist` (reloads), else as last listed.
    /// Failures are logged; a server that failed keeps its previous tools. Clashes: the catalog wins, logged.
    func catalog(merging catalog: Catalog, relist: Bool) async -> Catalog {
        guard let hub else { return catalog }
        let tools: [ToolDefinition]
        if relist {
            let listing = await hub.refresh()
            log(listing)
            tools = listing.tools
        } else {
            tools = hub.tools
        }
        let (merged, clashes) = MCPToolHub.merge(catalog, tools)
        for clash in clashes {
            logger.warning("MCP tool name clashes with the catalog; skipped", metadata: ["tool": .string(clash)])
        }
        return merged
    }

    func log(_ listing: MCPListing) {
        for failure in listing.failures {
            logger.error(
                "MCP server could not be listed; its previous tools are kept",
                metadata: ["server": .string(failure.server), "error": .string(failure.message)])
        }
        logger.notice(
            "MCP tools listed",
            metadata: [
                "servers": .stringConvertible(hub?.servers.count ?? 0), "tools": .stringConvertible(listing.tools.count),
                "failed": .stringConvertible(listing.failures.count),
            ])
    }

    /// `snapshot` with an executor over its catalog, derived from the one served now (or the start one).
    func attachExecutor(to snapshot: ToolCatalogSnapshot, current: ToolCatalogSnapshot?) throws -> ToolCatalogSnapshot {
        guard let base = (current?.executor as? CatalogToolExecutor) ?? start else { return snapshot }
        return snapshot.with(executor: try base.reloaded(catalog: snapshot.catalog))
    }

    /// For `/ready`: every MCP server's tool count, and the failure of its last listing.
    var readiness: ReadinessReport {
        guard let hub else { return .ready("no MCP servers") }
        let parts = hub.status.map { s -> String in
            if let failure = s.failure {
                return "\(s.name): listing failed (\(failure)); serving its previous \(s.tools) tool\(s.tools == 1 ? "" : "s")"
            }
            return "\(s.name): \(s.tools) tool\(s.tools == 1 ? "" : "s")"
        }
        return .ready(parts.joined(separator: "; "))
    }
}
