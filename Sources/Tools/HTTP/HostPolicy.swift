/// Which hosts and addresses HTTP tools may reach.
///
/// - The host of every URL (and every redirect target) must match `allowedHosts` (exact names, or
///   `*.example.com` for subdomains; `*` alone allows any host).
/// - Every address actually connected to (after DNS, for each redirect and each address tried) must be
///   public, unless it is in `allowedNetworks`. This is checked by the HTTP client's connection filter,
///   so a name that resolves to 127.0.0.1 (DNS rebinding) is refused too.
public struct HostPolicy: Sendable {
    public var allowedHosts: [String]
    public var allowedNetworks: [IPNetwork]

    public init(allowedHosts: [String], allowedNetworks: [IPNetwork] = []) {
        self.allowedHosts = allowedHosts.map { $0.lowercased() }
        self.allowedNetworks = allowedNetworks
    }

    /// Whether `host` (a name or a numeric address, lowercased) is on the allow-list.
    public func allowsHost(_ host: String) -> Bool {
        let h = host.lowercased()
        for pattern in allowedHosts {
            if pattern == "*" || pattern == h { return true }
            if pattern.hasPrefix("*."), h.hasSuffix(pattern.dropFirst()) { return true }
        }
        return false
    }

    /// Whether a connection to the numeric address `text` may be opened.
    public func allowsAddress(_ text: String) -> Bool {
        guard let ip = IPAddress(text) else { return false }
        if allowedNetworks.contains(where: { $0.contains(ip) }) { return true }
        return !IPNetwork.nonPublic.contains { $0.contains(ip) }
    }

    /// Why `text` is refused, for error messages.
    public func refusal(forAddress text: String) -> String? {
        guard let ip = IPAddress(text) else { return "\(text) is not an IP address" }
        if allowedNetworks.contains(where: { $0.contains(ip) }) { return nil }
        if let net = IPNetwork.nonPublic.first(where: { $0.contains(ip) }) {
            return "address \(text) is in the non-public range \(net) (allow it with tools.allowed_networks)"
        }
        return nil
    }
}
