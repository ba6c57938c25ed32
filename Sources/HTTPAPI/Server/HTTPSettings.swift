/// Everything HTTPAPI needs from the configuration, as a plain value (only the executable reads config).
public struct HTTPSettings: Sendable {
    public static let defaultBodyLimitBytes = 1 << 20

    public var host: String
    public var port: Int
    /// Largest accepted request body; larger bodies get 413.
    public var bodyLimitBytes: Int
    /// Accepted API keys; empty means auth is off.
    public var apiKeys: APIKeySet
    /// When auth is on, whether `/metrics` is served without a key.
    public var metricsPublic: Bool
    public var rateLimit: RateLimitSettings
    /// Reported in `quiver_build_info` and `/health`.
    public var version: String
    /// Paths that never need a key and are never rate limited.
    public var openPaths: Set<String>

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        bodyLimitBytes: Int = HTTPSettings.defaultBodyLimitBytes,
        apiKeys: APIKeySet = APIKeySet(),
        metricsPublic: Bool = false,
        rateLimit: RateLimitSettings = RateLimitSettings(),
        version: String = "0.0.0-dev",
        openPaths: Set<String> = ["/health", "/ready"]
    ) {
        self.host = host
        self.port = port
        self.bodyLimitBytes = bodyLimitBytes
        self.apiKeys = apiKeys
        self.metricsPublic = metricsPublic
        self.rateLimit = rateLimit
        self.version = version
        self.openPaths = openPaths
    }
}

/// Token-bucket rate limits per API key (per client address when auth is off).
public struct RateLimitSettings: Sendable, Equatable {
    /// Sustained rate; 0 turns rate limiting off.
    public var requestsPerMinute: Int
    /// Bucket size: how many requests may arrive at once.
    public var burst: Int
    /// Most buckets kept in memory; past it, idle buckets are dropped first.
    public var maxClients: Int

    public init(requestsPerMinute: Int = 0, burst: Int = 20, maxClients: Int = 10_000) {
        self.requestsPerMinute = requestsPerMinute
        self.burst = burst
        self.maxClients = maxClients
    }

    public var enabled: Bool { requestsPerMinute > 0 }
}
