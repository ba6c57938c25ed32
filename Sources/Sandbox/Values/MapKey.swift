/// A map key. Numeric keys are normalised so that `1`, `1u` and `1.0` find the same entry;
/// strings hash and compare by UTF-8 bytes (code points, no normalisation).
public enum MapKey: Sendable, Hashable {
    case int(Int64)
    /// Only for values above `Int64.max`; smaller unsigned keys are stored as `.int`.
    case uint(UInt64)
    case bool(Bool)
    case string(String)

    /// The key for a value, or nil when the value's type cannot be a key.
    /// Doubles are accepted for lookups when integral (`allowDouble`).
    @inlinable
    public init?(_ value: Value, allowDouble: Bool = false) {
        switch value {
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .double(let d) where allowDouble:
            guard d.rounded(.towardZero) == d else { return nil }
            if d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 {
                self = .int(Int64(d))
            } else if d >= 0 && d < 1.8446744073709551616e19 {
                self = .uint(UInt64(d))
            } else {
                return nil
            }
        default: return nil
        }
    }

    public static func == (a: MapKey, b: MapKey) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x == y
        case (.uint(let x), .uint(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.string(let x), .string(let y)): x.utf8Equal(y)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let i): hasher.combine(0 as UInt8); hasher.combine(i)
        case .uint(let u): hasher.combine(1 as UInt8); hasher.combine(u)
        case .bool(let b): hasher.combine(2 as UInt8); hasher.combine(b)
        case .string(let s):
            hasher.combine(3 as UInt8)
            var s = s
            s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// The key as a value (unsigned keys that were normalised come back as int unless `original` is kept).
    public var value: Value {
        switch self {
        case .int(let i): .int(i)
        case .uint(let u): .uint(u)
        case .bool(let b): .bool(b)
        case .string(let s): .string(s)
        }
    }
}

extension String {
    /// Code-point equality (Swift's `==` applies canonical equivalence; CEL does not).
    @inlinable
    func utf8Equal(_ other: String) -> Bool {
        let a = self.utf8, b = other.utf8
        guard a.count == b.count else { return false }
        if let r = a.withContiguousStorageIfAvailable({ pa in
            b.withContiguousStorageIfAvailable { pb in pa.elementsEqual(pb) }
        }), let r { return r }
        return a.elementsEqual(b)
    }

    /// Code-point order (UTF-8 byte order is code point order).
    @inlinable
    func utf8Less(_ other: String) -> Bool {
        self.utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// Number of Unicode code points.
    @inlinable
    var codePointCount: Int {
        var n = 0
        for b in self.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
