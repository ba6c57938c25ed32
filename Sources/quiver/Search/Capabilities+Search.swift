import ArgumentParser
import Catalog
import HTTPAPI
import Logging
import Synchronization

extension Capabilities {
    /// The catalog runtime: loads the catalog now (any problem stops start-up with exit code 2 and
    /// every problem listed), then adds the tools and admin routes, the `catalog` readiness check
    /// (ready once the index is built) and the service that builds it and reloads on SIGHUP.
    /// `tools`: merges the MCP servers' tools into each load's catalog and attaches the executor (see ``ToolsRuntime``).
    static func addToolCatalog(
        to capabilities: inout Capabilities, config: Configuration, readiness: ReadinessRegistry, logger: Logger, tools: ToolsRuntime? = nil
    ) throws {
        var catalogLogger = logger
        catalogLogger[metadataKey: "subsystem"] = "catalog"
        let loader = ToolIndexLoader(configuration: config, logger: catalogLogger)
        let catalog: Catalog
        do {
            catalog = try loader.loadCatalog()
        } catch {
            FileHandleOutput.stderr("quiver: cannot start: \(error.description)\n")
            throw ExitCode(2)
        }
        // The first load indexes the catalog checked above; reloads read the directory again.
        let preloaded = Preloaded(catalog)
        let service = ToolCatalogService(logger: catalogLogger) { current in
            var catalog: Catalog
            if let first = preloaded.take() {
                catalog = await tools?.catalog(merging: first, relist: false) ?? first
            } else {
                catalog = try loader.loadCatalog()
                catalog = await tools?.catalog(merging: catalog, relist: true) ?? catalog
            }
            let snapshot = try await loader.buildSnapshot(catalog: catalog, current: current)
            return try tools?.attachExecutor(to: snapshot, current: current) ?? snapshot
        }
        readiness.register("catalog") { service.readiness }
        capabilities.routeGroups.append(
            ToolsRoutes(
                service: service, settings: ToolsRouteSettings(configuration: config), recorder: capabilities.recorder,
                storeQueryText: config[ConfigKeys.analyticsStoreQueryText]))
        capabilities.routeGroups.append(AdminRoutes(service: service))
        capabilities.services.append(CatalogReloadService(service: service, logger: catalogLogger))
        capabilities.toolCatalog = service
    }
}

/// The catalog loaded at start, handed to the first index build only.
private final class Preloaded: Sendable {
    private let catalog: Mutex<Catalog?>

    init(_ catalog: Catalog) {
        self.catalog = Mutex(catalog)
    }

    func take() -> Catalog? {
        catalog.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
