#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Identifiers that sort by creation time: 12 hex digits of unix milliseconds, then 20 random hex digits
/// (80 bits), after a prefix such as `run_`.
///
/// Why time first: `runs.id` is a UNIQUE index in `analytics.db`. Random ids land on a random page of that
/// B-tree, so every batch dirties (and writes to the WAL) about one index page per run, and the pages stop
/// fitting in the cache as the table grows. Ids that increase with time append at the right edge, as
/// ULIDs and UUIDv7 do; a listing by id is then also a listing by start time.
public enum TimeOrderedID {
    /// A new id: `prefix`, 32 lowercase hex digits.
    public static func make(prefix: String, milliseconds: UInt64 = nowMilliseconds()) -> String {
        let random = RandomPool.shared.next()
        let extra = RandomPool.shared.next()
        var digits = [UInt8](repeating: 0, count: 32)
        write(milliseconds & 0xFFFF_FFFF_FFFF, digits: 12, into: &digits, at: 0)
        write(random, digits: 16, into: &digits, at: 12)
        write(extra, digits: 4, into: &digits, at: 28)
        return prefix + String(decoding: digits, as: UTF8.self)
    }

    /// The wall clock in unix milliseconds (0 if the clock is before 1970).
    public static func nowMilliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        guard spec.tv_sec >= 0 else { return 0 }
        return UInt64(spec.tv_sec) &* 1_000 &+ UInt64(spec.tv_nsec / 1_000_000)
    }

    /// The creation time of an id made by ``make(prefix:milliseconds:)``, or nil when `id` is not one.
    public static func milliseconds(of id: String, prefix: String) -> UInt64? {
        guard id.hasPrefix(prefix) else { return nil }
        let hex = id.utf8.dropFirst(prefix.utf8.count)
        guard hex.count == 32 else { return nil }
        var value: UInt64 = 0
        for byte in hex.prefix(12) {
            guard let digit = hexValue(byte) else { return nil }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    private static func write(_ value: UInt64, digits count: Int, into digits: inout [UInt8], at start: Int) {
        for i in 0..<count {
            let shift = UInt64(4 * (count - 1 - i))
            digits[start + i] = hexDigits[Int((value >> shift) & 0xF)]
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
