/// Settings of the HTTP tool adapter.
public struct HTTPToolSettings: Sendable {
    /// Hosts HTTP tools may reach. Nil: the hosts of the catalog's base URLs (after configuration).
    public var allowedHosts: [String]?
    /// Non-public networks the operator allows (e.g. `127.0.0.0/8` for a local service). Default none.
    public var allowedNetworks: [IPNetwork]
    /// Redirects followed per call (each target must be an allowed host). Default 3.
    public var maxRedirects: Int
    /// Connection establishment timeout. Default 5 s (the tool's timeout bounds the whole call).
    public var connectTimeoutMilliseconds: Int
    /// Looks up configuration values and secrets by name (base URL keys, API keys).
    public var lookup: @Sendable (String) -> String?

    public init(
        allowedHosts: [String]? = nil, allowedNetworks: [IPNetwork] = [], maxRedirects: Int = 3,
        connectTimeoutMilliseconds: Int = 5_000, lookup: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.allowedHosts = allowedHosts
        self.allowedNetworks = allowedNetworks
        self.maxRedirects = maxRedirects
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.lookup = lookup
    }
}
