import Analytics
import Catalog
import HTTPAPI
import Logging
import Sandbox
import Tools

import Foundation

/// Builds the catalog tool executor and the plan service from configuration; shared by `quiver serve`
/// (the `/v1/plans` routes, following catalog reloads) and `quiver run`/`check`, so both run plans the same way.
enum ToolsSetup {
    /// The MCP hub of the configured servers (nil when none), not yet connected.
    static func makeRuntime(config: Configuration, logger: Logger) -> ToolsRuntime {
        let servers = config[ConfigKeys.toolsMCPServers].compactMap { MCPServerConfig(parsing: $0) }
        var mcpLogger = logger
        mcpLogger[metadataKey: "subsystem"] = "mcp"
        let hub = servers.isEmpty ? nil : MCPToolHub(servers: servers, listTimeoutMilliseconds: config[ConfigKeys.toolsMCPListTimeoutMs])
        return ToolsRuntime(hub: hub, logger: mcpLogger)
    }

    /// `quiver serve`: lists the MCP servers' tools, makes the start executor, and adds the `/v1/plans`
    /// routes, the MCP hub's service (ends the child processes on shutdown) and the `mcp` readiness check.
    /// Returns the executor the planner's `/v1/query` runs its plans with: it follows catalog reloads.
    static func install(
        _ runtime: ToolsRuntime, into capabilities: inout Capabilities, config: Configuration, readiness: ReadinessRegistry, logger: Logger
    ) async throws -> any ToolExecutor {
        let start = try await makeExecutor(
            config: config, observer: MetricsToolObserver(metrics: QuiverMetrics()), logger: logger, runtime: runtime, strict: false)
        runtime.start = start
        let executor: any ToolExecutor = capabilities.toolCatalog.map { ReloadableToolExecutor(service: $0, fallback: start) } ?? start
        capabilities.routeGroups.append(PlanRoutes(service: PlanService(executor: executor, limits: limits(config)), recorder: capabilities.recorder))
        if let hub = runtime.hub {
            // First in the group, so it stops last (after the HTTP server drained).
            capabilities.services.insert(MCPHubService(hub: hub, logger: runtime.logger), at: 0)
            readiness.register("mcp") { runtime.readiness }
        }
        return executor
    }

    static func limits(_ config: Configuration) -> Limits {
        var l = Limits()
        l.deadlineMilliseconds = config[ConfigKeys.sandboxDeadlineMs]
        l.maxCost = config[ConfigKeys.sandboxMaxCost]
        l.maxToolCalls = config[ConfigKeys.sandboxMaxToolCalls]
        l.maxConcurrentCalls = config[ConfigKeys.sandboxMaxConcurrentCalls]
        l.callTimeoutMilliseconds = config[ConfigKeys.sandboxCallTimeoutMs]
        return l
    }

    static func executorSettings(_ config: Configuration) -> ToolExecutorSettings {
        var s = ToolExecutorSettings()
        s.timeoutMilliseconds = config[ConfigKeys.toolsTimeoutMs]
        s.retries = config[ConfigKeys.toolsRetries]
        s.maxConcurrency = config[ConfigKeys.toolsMaxConcurrency]
        s.responseMaxBytes = config[ConfigKeys.toolsResponseMaxBytes]
        s.resultMaxBytes = config[ConfigKeys.toolsResultMaxBytes]
        s.breakerFailureThreshold = config[ConfigKeys.toolsBreakerThreshold]
        s.breakerCooldownMilliseconds = config[ConfigKeys.toolsBreakerCooldownMs]
        return s
    }

    static func httpSettings(_ config: Configuration, environment: [String: String]) -> HTTPToolSettings {
        let hosts = config[ConfigKeys.toolsAllowedHosts]
        return HTTPToolSettings(
            allowedHosts: hosts.isEmpty ? nil : hosts,
            allowedNetworks: config[ConfigKeys.toolsAllowedNetworks].compactMap { IPNetwork($0) },
            maxRedirects: config[ConfigKeys.toolsMaxRedirects],
            lookup: { environment[$0] })
    }

    /// `quiver run`/`check`: the plan service over the catalog named by `catalog` and the MCP servers
    /// (one that cannot be listed fails the command). Base URLs and secrets of HTTP tools
    /// (`OPEN_METEO_BASE_URL`, `OPENWEATHER_API_KEY`...) come from the environment, never from plans.
    static func makeService(
        config: Configuration, observer: (any ToolCallObserver)? = nil, logger: Logger? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> (PlanService, CatalogToolExecutor) {
        let runtime = makeRuntime(config: config, logger: logger ?? Logger(label: "quiver.mcp"))
        let executor = try await makeExecutor(config: config, observer: observer, logger: logger, runtime: runtime, strict: true, environment: environment)
        return (PlanService(executor: executor, limits: limits(config)), executor)
    }

    /// Loads the catalog named by `catalog`, lists the MCP servers' tools into it (`strict`: a server that
    /// fails throws; else it is logged and shown by `/ready`) and makes the executor.
    static func makeExecutor(
        config: Configuration, observer: (any ToolCallObserver)?, logger: Logger?, runtime: ToolsRuntime, strict: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> CatalogToolExecutor {
        let directory = config[ConfigKeys.catalog]
        var isDirectory: ObjCBool = false
        var catalog: Catalog
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue {
            catalog = try Catalog.load(directory: directory, options: CatalogLoadOptions(patternMatcher: LinearRegexPatternMatcher()))
        } else {
            // No catalog folder (e.g. started outside the repository): plans can still use no tools.
            logger?.warning("catalog directory not found; plans run without tools", metadata: ["catalog": .string(directory)])
            catalog = Catalog(tools: [])
        }
        let http = try HTTPToolAdapter(settings: httpSettings(config, environment: environment), catalog: catalog)
        if let hub = runtime.hub {
            if strict {
                _ = try await hub.connect()
            } else {
                runtime.log(await hub.refresh())
            }
            catalog = await runtime.catalog(merging: catalog, relist: false)
        }
        return CatalogToolExecutor(catalog: catalog, settings: executorSettings(config), http: http, mcp: runtime.hub, observer: observer)
    }
}

/// Tool-call outcomes and circuit breaker changes as Prometheus metrics.
struct MetricsToolObserver: ToolCallObserver {
    let metrics: QuiverMetrics

    func toolCallFinished(tool: String, status: String, duration: Duration) {
        metrics.toolCall(tool: tool, status: status, duration: duration)
    }

    func circuitChanged(tool: String, open: Bool) {
        metrics.circuit(tool: tool, open: open)
    }
}
