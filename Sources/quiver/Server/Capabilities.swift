import Analytics
import HTTPAPI
import Logging
import ServiceLifecycle

/// Where subsystems plug into `quiver serve`. Each capability (catalog and ranking, tools, planner,
/// analytics) adds here: its route group (`HTTPAPI/Routes/<Name>Routes.swift`), its long-running
/// services (index reloader, analytics writer) and its readiness checks.
struct Capabilities {
    var routeGroups: [any APIRouteGroup] = []
    var services: [any Service] = []
    /// The catalog and tool index (top-k tools for a query: `selectTools(query:k:)`).
    var toolCatalog: ToolCatalogService?
    /// Route handlers record their runs through this (analytics.db and stage metrics, per `analytics.backend`).
    var recorder: RunRecorder = .disabled

    static func build(config: Configuration, readiness: ReadinessRegistry, logger: Logger) async throws -> Capabilities {
        var capabilities = Capabilities()
        if config[ConfigKeys.debugRoutes] {
            logger.warning("debug routes are enabled (debug.routes); do not use in production")
            capabilities.routeGroups.append(DebugRoutes())
        }
        // Analytics first: every route group after it records its runs through `capabilities.recorder`.
        let analytics = try AnalyticsCapability.build(config: config, readiness: readiness, logger: logger)
        capabilities.recorder = analytics.recorder
        capabilities.services += analytics.services
        capabilities.routeGroups.append(analytics.routes)
        // Tools: every catalog load re-lists the MCP servers, merges their tools into the catalog the index
        // ranks, and gives the snapshot an executor over that catalog; the plan routes and the planner run
        // plans on the executor of the snapshot served now.
        let tools = ToolsSetup.makeRuntime(config: config, logger: logger)
        try addToolCatalog(to: &capabilities, config: config, readiness: readiness, logger: logger, tools: tools)
        let executor = try await ToolsSetup.install(tools, into: &capabilities, config: config, readiness: readiness, logger: logger)
        // The planner: /v1/query, /v1/chat/completions, /v1/models (503 without an LLM). It ranks with the
        // served index (the same as /v1/tools/search, swapped on reload) and runs plans with the same
        // executor as /v1/plans/run (builtins, HTTP and MCP tools, with their policies).
        capabilities.routeGroups += try await PlannerWiring.routeGroups(
            config: config, logger: logger, recorder: capabilities.recorder,
            selector: capabilities.toolCatalog.map { CatalogToolSelector(service: $0) }, executor: executor)
        // Later capabilities, for example:
        //   let index = try await CatalogIndex.load(config[ConfigKeys.catalog])
        //   readiness.register("catalog") { index.readiness }
        //   capabilities.routeGroups.append(ToolsRoutes(index: index))
        //   capabilities.services.append(index.reloader)
        _ = readiness
        return capabilities
    }
}
