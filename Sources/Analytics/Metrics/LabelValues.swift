import Synchronization

/// Keeps a metric label's value set bounded: the first `limit` distinct values pass through, later new
/// ones become `other`; values that are too long or contain unexpected characters become `invalid`.
/// Tool names, model names and route templates are bounded by configuration; this is the safety net
/// that keeps user text or ids from ever creating unbounded series.
public final class LabelValues: Sendable {
    public let limit: Int
    public let maxLength: Int
    private let seen = Mutex<Set<String>>([])

    public init(limit: Int = 256, maxLength: Int = 80) {
        self.limit = limit
        self.maxLength = maxLength
    }

    public func callAsFunction(_ value: String) -> String {
        guard !value.isEmpty, value.utf8.count <= maxLength, value.utf8.allSatisfy(Self.allowed) else { return "invalid" }
        return seen.withLock { set in
            if set.contains(value) { return value }
            guard set.count < limit else { return "other" }
            set.insert(value)
            return value
        }
    }

    private static func allowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "{"),
            UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }
}
