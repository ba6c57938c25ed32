/// The table of every configuration key. To add a key: declare it here (or in a
/// `ConfigKeys+<Area>.swift` extension) and append it to `all`; read it with `config[ConfigKeys.x]`.
/// The README's table is checked against this list by a test (`quiver config --markdown` prints it).
enum ConfigKeys {
    static let host = ConfigKey<String>("host", default: "127.0.0.1", help: "Address to listen on (0.0.0.0 for all interfaces).", validate: Check.nonEmpty)
    static let port = ConfigKey<Int>("port", default: 8080, help: "TCP port to listen on (0 picks a free port).", validate: Check.range(0...65535))
    static let dataDir = ConfigKey<String>("data_dir", default: "data", help: "Directory for Quiver's data (analytics database, caches).", validate: Check.nonEmpty)
    static let catalog = ConfigKey<String>("catalog", default: "catalog", help: "Directory of the tool catalog.", validate: Check.nonEmpty)
    static let logLevel = ConfigKey<LogLevelSetting>("log.level", default: .info, help: "Lowest log level written.")
    static let logFormat = ConfigKey<LogFormat>("log.format", default: .text, help: "Log format: one JSON object a line, or text.")
    static let bodyLimitBytes = ConfigKey<Int>(
        "body_limit_bytes", default: 1 << 20, help: "Largest request body accepted; larger ones get 413.", validate: Check.range(1...(1 << 30)))
    static let drainTimeoutSeconds = ConfigKey<Double>(
        "drain_timeout_seconds", default: 25, help: "On SIGTERM/SIGINT, how long in-flight requests may run before they are cut.",
        validate: Check.range(0...3600))
    static let apiKeys = ConfigKey<[String]>(
        "auth.api_keys", default: [], help: "API keys (plain, or `sha256:<hex>`); when any is set every route but /health and /ready needs `Authorization: Bearer`.",
        secret: true)
    static let apiKeysFile = ConfigKey<String?>(
        "auth.api_keys_file", default: nil, help: "File with one API key per line (plain or `sha256:<hex>`; `#` comments), added to `auth.api_keys`.")
    static let metricsPublic = ConfigKey<Bool>("auth.metrics_public", default: false, help: "Serve /metrics without an API key when auth is on.")
    static let rateLimitRequestsPerMinute = ConfigKey<Int>(
        "rate_limit.requests_per_minute", default: 1200, help: "Sustained requests per minute per API key (per client address without auth); 0 turns limits off.",
        validate: Check.range(0...10_000_000))
    static let rateLimitBurst = ConfigKey<Int>(
        "rate_limit.burst", default: 100, help: "Requests a client may send at once before the sustained rate applies.", validate: Check.range(1...1_000_000))
    static let rateLimitMaxClients = ConfigKey<Int>(
        "rate_limit.max_clients", default: 10_000, help: "Most clients tracked by the rate limiter; idle ones are forgotten first.",
        validate: Check.range(1...10_000_000))
    static let debugRoutes = ConfigKey<Bool>("debug.routes", default: false, help: "Serve /debug/sleep (for drain and timeout tests). Keep off in production.")

    static let all: [any AnyConfigKey] = [
        host, port, dataDir, catalog, logLevel, logFormat, bodyLimitBytes, drainTimeoutSeconds,
        apiKeys, apiKeysFile, metricsPublic, rateLimitRequestsPerMinute, rateLimitBurst, rateLimitMaxClients, debugRoutes,
    ] + ranking + toolsKeys + llmKeys + plannerKeys + analyticsKeys

    static func named(_ name: String) -> (any AnyConfigKey)? {
        all.first { $0.name == name }
    }
}

enum LogFormat: String, ConfigEnum {
    case json
    case text
}

enum LogLevelSetting: String, ConfigEnum {
    case trace, debug, info, notice, warning, error, critical
}
