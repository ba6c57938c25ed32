/// A fast non-cryptographic 64-bit hash used for text keys and file checksums.
///
/// Four independent lanes each absorb 8-byte words with xor, rotate and multiply by an odd
/// constant, all bijective in the lane state, so changing any one word always changes the
/// result: a flipped byte in a cache file cannot go unnoticed. It guards against accidents
/// (torn writes, disk errors), not against someone forging a file.
public enum Hash64 {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    @inline(__always)
    private static func absorb(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = h ^ w
        return ((x << 31) | (x >> 33)) &* prime1
    }

    @inline(__always)
    private static func mix(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 33
        x = x &* prime2
        x ^= x >> 29
        x = x &* prime3
        x ^= x >> 32
        return x
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (seed &+ prime1, seed &+ prime2, seed ^ prime3, seed &- prime1)
        let n = bytes.count
        var i = 0
        if let base = bytes.baseAddress {
            while i + 32 <= n {
                lanes.0 = absorb(lanes.0, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                lanes.1 = absorb(lanes.1, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                lanes.2 = absorb(lanes.2, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                lanes.3 = absorb(lanes.3, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            while i + 8 <= n {
                lanes.0 = absorb(lanes.0, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            lanes.1 = absorb(lanes.1, tail)
        }
        var h = UInt64(truncatingIfNeeded: n) &* prime2
        h = absorb(h, mix(lanes.0))
        h = absorb(h, mix(lanes.1))
        h = absorb(h, mix(lanes.2))
        h = absorb(h, mix(lanes.3))
        return mix(h)
    }

    public static func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var copy = text
        return copy.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// A 128-bit key for a text (two independent seeds).
    public static func key(_ text: String) -> TextKey {
        TextKey(high: hash(text, seed: 0x5155_4956_4552), low: hash(text, seed: 0x7465_7874_6B65_79))
    }
}

/// The 128-bit content address of one embedded text.
public struct TextKey: Hashable, Comparable, Sendable {
    public var high: UInt64
    public var low: UInt64

    public static func < (a: TextKey, b: TextKey) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
