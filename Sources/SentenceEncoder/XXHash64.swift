/// XXH64 (seed 0), a fast non-cryptographic 64-bit hash, streamed over a file. It identifies the weights file
/// in the model ID so that an embedding cache never mixes vectors of different weights; it is not a security
/// check. Compatible with `xxhsum -H1`.
struct XXHash64 {
    private static let p1: UInt64 = 11_400_714_785_074_694_791
    private static let p2: UInt64 = 14_029_467_366_897_019_727
    private static let p3: UInt64 = 1_609_587_929_392_839_161
    private static let p4: UInt64 = 9_650_029_242_287_828_579
    private static let p5: UInt64 = 2_870_177_450_012_600_261

    private var v1: UInt64 = 0 &+ p1 &+ p2
    private var v2: UInt64 = 0 &+ p2
    private var v3: UInt64 = 0
    private var v4: UInt64 = 0 &- p1
    private var total: UInt64 = 0
    private var pending: [UInt8] = []

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }

    /// Feeds bytes; whole 32-byte stripes are hashed at once, the rest kept for the next call.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        total &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let need = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<need])
            start = need
            if pending.count == 32 {
                pending.withUnsafeBytes { stripe(UnsafeRawBufferPointer(rebasing: $0[0..<32])) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        while bytes.count - start >= 32 {
            stripe(UnsafeRawBufferPointer(rebasing: bytes[start..<start + 32]))
            start += 32
        }
        if start < bytes.count { pending.append(contentsOf: bytes[start...]) }
    }

    @inline(__always) private mutating func stripe(_ s: UnsafeRawBufferPointer) {
        v1 = Self.round(v1, UInt64(littleEndian: s.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
        v2 = Self.round(v2, UInt64(littleEndian: s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        v3 = Self.round(v3, UInt64(littleEndian: s.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        v4 = Self.round(v4, UInt64(littleEndian: s.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }

    func finalize() -> UInt64 {
        var h: UInt64
        if total >= 32 {
            h = Self.rotl(v1, 1) &+ Self.rotl(v2, 7) &+ Self.rotl(v3, 12) &+ Self.rotl(v4, 18)
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = Self.p5
        }
        h &+= total
        pending.withUnsafeBytes { rest in
            var i = 0
            while rest.count - i >= 8 {
                let k = Self.round(0, UInt64(littleEndian: rest.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                h = Self.rotl(h ^ k, 27) &* Self.p1 &+ Self.p4
                i += 8
            }
            if rest.count - i >= 4 {
                let k = UInt64(UInt32(littleEndian: rest.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                h = Self.rotl(h ^ (k &* Self.p1), 23) &* Self.p2 &+ Self.p3
                i += 4
            }
            while i < rest.count {
                h = Self.rotl(h ^ (UInt64(rest[i]) &* Self.p5), 11) &* Self.p1
                i += 1
            }
        }
        h ^= h >> 33
        h &*= Self.p2
        h ^= h >> 29
        h &*= Self.p3
        h ^= h >> 32
        return h
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = XXHash64()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }
}
