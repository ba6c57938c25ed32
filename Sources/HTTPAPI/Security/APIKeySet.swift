import Crypto

/// The accepted API keys, held only as SHA-256 digests.
///
/// Keys are configured either plain or as `sha256:<64 hex digits>`; a presented key is hashed and
/// compared against every digest in constant time (no early exit), so timing reveals nothing.
public struct APIKeySet: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        let digest: [UInt8]
        /// Non-secret id: `key_` and the first 12 hex digits of the digest.
        public let id: String
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Parses keys; throws naming the (1-based) entry that is wrong, never echoing the key.
    public init(keys: [String]) throws(APIKeyError) {
        for (index, raw) in keys.enumerated() {
            try add(raw, position: index + 1)
        }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    public static let minimumPlainKeyLength = 16

    mutating func add(_ raw: String, position: Int) throws(APIKeyError) {
        let key = raw.trimmingASCIIWhitespace()
        if key.isEmpty { throw APIKeyError(position: position, reason: "the key is empty") }
        let digest: [UInt8]
        if key.hasPrefix("sha256:") {
            let hex = key.dropFirst("sha256:".count)
            guard let bytes = Self.decodeHex(hex), bytes.count == 32 else {
                throw APIKeyError(position: position, reason: "a sha256: key needs exactly 64 hex digits")
            }
            digest = bytes
        } else {
            guard key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
                throw APIKeyError(position: position, reason: "a key may contain only printable ASCII without spaces")
            }
            guard key.utf8.count >= Self.minimumPlainKeyLength else {
                throw APIKeyError(
                    position: position,
                    reason: "a plain key needs at least \(Self.minimumPlainKeyLength) characters, this one has \(key.utf8.count)"
                )
            }
            digest = Array(SHA256.hash(data: Array(key.utf8)))
        }
        entries.append(Entry(digest: digest, id: "key_" + Self.hex(digest.prefix(6))))
    }

    /// The id of the matching key, or nil. Runs in time independent of which (if any) key matches.
    public func match(_ presented: some StringProtocol) -> String? {
        let digest = Array(SHA256.hash(data: Array(presented.utf8)))
        var found: Int = -1
        for (index, entry) in entries.enumerated() {
            var difference: UInt8 = 0
            for i in 0..<32 {
                difference |= entry.digest[i] ^ digest[i]
            }
            // Branch-free select: keeps the first match without an early exit.
            let isMatch = difference == 0 && found < 0
            found = isMatch ? index : found
        }
        return found >= 0 ? entries[found].id : nil
    }

    /// SHA-256 of a key as `sha256:<hex>`, the form to store in config instead of the key itself.
    public static func hashedForm(of key: String) -> String {
        "sha256:" + hex(SHA256.hash(data: Array(key.utf8)))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decodeHex(_ text: some StringProtocol) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let high = nibble(chars[i]), let low = nibble(chars[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A configured API key is unusable. Names the entry by position, never by value.
public struct APIKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let position: Int
    public let reason: String
    public var description: String { "API key #\(position): \(reason)" }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !($0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r") }),
            let last = scalars.lastIndex(where: { !($0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r") })
        else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}
