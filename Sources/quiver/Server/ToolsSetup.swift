import Analytics
import Catalog
import HTTPAPI
import Logging
import Sandbox
import Tools

import Foundation

/// Builds the catalog tool executor and the plan service from configuration; shared by `quiver serve`
/// (the `/v1/plans` routes) and `quiver run`/`check`, so both run plans the same way.
enum ToolsSetup {
    /// `quiver serve`: the `/v1/plans` routes over the catalog's tools, with tool metrics.
    /// Returns the executor, which the planner's `/v1/query` runs its plans with too.
    @discardableResult
    static func install(into capabilities: inout Capabilities, config: Configuration, logger: Logger) async throws -> CatalogToolExecutor {
        let (service, executor) = try await makeService(config: config, observer: MetricsToolObserver(metrics: QuiverMetrics()), logger: logger)
        capabilities.routeGroups.append(PlanRoutes(service: service, recorder: capabilities.recorder))
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

    /// Loads the catalog named by `catalog` and makes the executor. Base URLs and secrets of HTTP tools
    /// (`OPEN_METEO_BASE_URL`, `OPENWEATHER_API_KEY`...) come from the environment, never from plans.
    static func makeService(
        config: Configuration, observer: (any ToolCallObserver)? = nil, logger: Logger? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> (PlanService, CatalogToolExecutor) {
        let directory = config[ConfigKeys.catalog]
        var isDirectory: ObjCBool = false
        let catalog: Catalog
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue {
            catalog = try Catalog.load(directory: directory, options: CatalogLoadOptions(patternMatcher: LinearRegexPatternMatcher()))
        } else {
            // No catalog folder (e.g. started outside the repository): plans can still use no tools.
            logger?.warning("catalog directory not found; plans run without tools", metadata: ["catalog": .string(directory)])
            catalog = Catalog(tools: [])
        }
        let http = try HTTPToolAdapter(settings: httpSettings(config, environment: environment), catalog: catalog)
        var mcp: MCPToolHub?
        var all = catalog
        let servers = config[ConfigKeys.toolsMCPServers].compactMap { MCPServerConfig(parsing: $0) }
        if !servers.isEmpty {
            let hub = MCPToolHub(servers: servers)
            let listed = try await hub.connect()
            let known = Set(catalog.names)
            for clash in listed where known.contains(clash.name) {
                logger?.warning("MCP tool name clashes with the catalog; skipped", metadata: ["tool": .string(clash.name)])
            }
            all = Catalog(tools: catalog.tools + listed.filter { !known.contains($0.name) })
            logger?.notice("MCP tools listed", metadata: ["servers": .stringConvertible(servers.count), "tools": .stringConvertible(listed.count)])
            mcp = hub
        }
        let executor = CatalogToolExecutor(catalog: all, settings: executorSettings(config), http: http, mcp: mcp, observer: observer)
        return (PlanService(executor: executor, limits: limits(config)), executor)
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
