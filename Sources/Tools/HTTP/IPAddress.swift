#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as 16 bytes; IPv4 is stored IPv4-mapped (`::ffff:a.b.c.d`), so one set of
/// rules covers both families and an IPv4-mapped IPv6 address is judged as the IPv4 address it is.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]
    public let text: String

    /// Parses "10.0.0.1", "::1", "[::1]", "fe80::1%eth0". Nil when it is not a numeric address.
    public init?(_ text: String) {
        var t = text
        if t.hasPrefix("["), t.hasSuffix("]") { t = String(t.dropFirst().dropLast()) }
        if let percent = t.firstIndex(of: "%") { t = String(t[..<percent]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, t, &v4) == 1 {
            let n = UInt32(bigEndian: v4.s_addr)
            bytes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)]
            self.text = text
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, t, &v6) == 1 else { return nil }
        bytes = withUnsafeBytes(of: &v6) { Array($0) }
        self.text = text
    }

    public var description: String { text }

    /// Whether the address is IPv4 (or IPv4-mapped IPv6).
    public var isIPv4: Bool { bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff }
}

/// A CIDR network such as `10.0.0.0/8` or `fc00::/7` (IPv4 prefixes apply to IPv4-mapped addresses too).
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    /// Prefix length over the 128-bit form.
    public let prefix: Int
    public let description: String

    /// Parses `a.b.c.d/n`, `x::/n`, or a single address (a /32 or /128).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let address = IPAddress(first) else { return nil }
        let maxPrefix = address.isIPv4 ? 32 : 128
        var prefix = maxPrefix
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...maxPrefix).contains(p) else { return nil }
            prefix = p
        }
        self.address = address
        self.prefix = address.isIPv4 ? prefix + 96 : prefix
        description = text
    }

    public func contains(_ ip: IPAddress) -> Bool {
        var bits = prefix
        var i = 0
        while bits > 0 && i < 16 {
            let take = min(8, bits)
            let mask: UInt8 = take == 8 ? 0xff : UInt8(0xff) << UInt8(8 - take)
            if ip.bytes[i] & mask != address.bytes[i] & mask { return false }
            bits -= take
            i += 1
        }
        return true
    }

    /// Loopback, private, link-local, shared (CGNAT), unspecified, multicast, reserved and
    /// translation ranges: nothing a plan may reach unless the operator allows it.
    public static let nonPublic: [IPNetwork] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "2002::/16",
        "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ].compactMap { IPNetwork($0) }
}
