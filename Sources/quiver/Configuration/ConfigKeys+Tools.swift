import Tools

/// Keys of the tool executor (`tools.*`) and the plan sandbox (`sandbox.*`). Catalog `policy` fields
/// override the tool defaults per tool; `sandbox.*` are the most a plan run may use (requests may lower them).
extension ConfigKeys {
    static let toolsTimeoutMs = ConfigKey<Int>(
        "tools.timeout_ms", default: 10_000, help: "Per-call timeout of a tool attempt, unless its catalog policy sets timeout_ms.",
        validate: Check.range(1...600_000))
    static let toolsRetries = ConfigKey<Int>(
        "tools.retries", default: 0, help: "Retries of a read tool after a transient failure (timeout, connection, 429, 5xx), unless its policy sets retries.",
        validate: Check.range(0...10))
    static let toolsMaxConcurrency = ConfigKey<Int>(
        "tools.max_concurrency", default: 16, help: "Calls of one tool running at once, unless its policy sets max_concurrency.",
        validate: Check.range(1...1_024))
    static let toolsResponseMaxBytes = ConfigKey<Int>(
        "tools.response_max_bytes", default: 1 << 20, help: "Largest HTTP tool response body, unless its policy sets response_max_bytes.",
        validate: Check.range(1...(64 << 20)))
    static let toolsResultMaxBytes = ConfigKey<Int>(
        "tools.result_max_bytes", default: 4 << 20, help: "Largest tool result (estimated bytes) handed to a plan.", validate: Check.range(1...(256 << 20)))
    static let toolsBreakerThreshold = ConfigKey<Int>(
        "tools.breaker_failure_threshold", default: 5, help: "Consecutive failures that open a tool's circuit breaker.", validate: Check.range(1...1_000))
    static let toolsBreakerCooldownMs = ConfigKey<Int>(
        "tools.breaker_cooldown_ms", default: 30_000, help: "How long an open circuit breaker fails fast before one probe call.",
        validate: Check.range(0...3_600_000))
    static let toolsAllowedHosts = ConfigKey<[String]>(
        "tools.allowed_hosts", default: [],
        help: "Hosts HTTP tools may reach (`api.example.com`, `*.example.com`); empty: the hosts of the catalog's base URLs.")
    static let toolsAllowedNetworks = ConfigKey<[String]>(
        "tools.allowed_networks", default: [],
        help: "Non-public networks HTTP tools may connect to (CIDR, e.g. `127.0.0.0/8`); loopback, private and link-local are refused otherwise.",
        validate: { list in list.first { IPNetwork($0) == nil }.map { "'\($0)' is not a CIDR network" } })
    static let toolsMaxRedirects = ConfigKey<Int>(
        "tools.max_redirects", default: 3, help: "Redirects an HTTP tool call follows (each to an allowed host).", validate: Check.range(0...20))

    static let toolsMCPServers = ConfigKey<[String]>(
        "tools.mcp_servers", default: [],
        help: "MCP servers whose tools join the catalog as `<name>_<tool>`: `name=/path/to/command args` (stdio) or `name=https://host/mcp` (streamable HTTP).",
        validate: { list in list.first { MCPServerConfig(parsing: $0) == nil }.map { "'\($0)' is not name=command or name=URL" } })
    static let toolsMCPListTimeoutMs = ConfigKey<Int>(
        "tools.mcp_list_timeout_ms", default: 10_000,
        help: "Most time connecting to an MCP server or listing its tools may take (at start and on each reload); a server over it keeps its previous tools.",
        validate: Check.range(1...600_000))

    static let sandboxDeadlineMs = ConfigKey<Int>(
        "sandbox.deadline_ms", default: 60_000, help: "Wall-clock deadline of a plan run; requests may lower it.", validate: Check.range(1...3_600_000))
    static let sandboxMaxCost = ConfigKey<Int>(
        "sandbox.max_cost", default: 1_000_000, help: "Cost budget of a plan run in units; requests may lower it.", validate: Check.range(0...1_000_000_000))
    static let sandboxMaxToolCalls = ConfigKey<Int>(
        "sandbox.max_tool_calls", default: 32, help: "Tool calls per plan run; requests may lower it.", validate: Check.range(0...10_000))
    static let sandboxMaxConcurrentCalls = ConfigKey<Int>(
        "sandbox.max_concurrent_calls", default: 8, help: "Tool calls of one plan running at once; requests may lower it.", validate: Check.range(1...1_024))
    static let sandboxCallTimeoutMs = ConfigKey<Int>(
        "sandbox.call_timeout_ms", default: 30_000, help: "Timeout of one tool call as the plan sees it (retries included); requests may lower it.",
        validate: Check.range(1...600_000))

    static let toolsKeys: [any AnyConfigKey] = [
        toolsTimeoutMs, toolsRetries, toolsMaxConcurrency, toolsResponseMaxBytes, toolsResultMaxBytes, toolsBreakerThreshold,
        toolsBreakerCooldownMs, toolsAllowedHosts, toolsAllowedNetworks, toolsMaxRedirects, toolsMCPServers, toolsMCPListTimeoutMs,
        sandboxDeadlineMs, sandboxMaxCost, sandboxMaxToolCalls, sandboxMaxConcurrentCalls, sandboxCallTimeoutMs,
    ]
}
