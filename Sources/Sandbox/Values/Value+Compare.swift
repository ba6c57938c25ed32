// Equality and ordering with CEL's cross-type numeric semantics.

enum Numeric {
    /// Compares an int with a double exactly; nil when the double is NaN.
    @inline(__always)
    static func compare(_ i: Int64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d < -9.223372036854775808e18 { return 1 }
        if d >= 9.223372036854775808e18 { return -1 }
        let t = d.rounded(.towardZero)
        let ti = Int64(t)
        if i < ti { return -1 }
        if i > ti { return 1 }
        if d > t { return -1 }
        if d < t { return 1 }
        return 0
    }

    @inline(__always)
    static func compare(_ u: UInt64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d < 0 { return 1 }
        if d >= 1.8446744073709551616e19 { return -1 }
        let t = d.rounded(.towardZero)
        let tu = UInt64(t)
        if u < tu { return -1 }
        if u > tu { return 1 }
        if d > t { return -1 }
        if d < t { return 1 }
        return 0
    }

    @inline(__always)
    static func compare(_ i: Int64, _ u: UInt64) -> Int {
        if i < 0 { return -1 }
        let iu = UInt64(i)
        return iu < u ? -1 : (iu > u ? 1 : 0)
    }

    @inline(__always)
    static func cmp<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
}

extension Value {
    /// CEL equality on non-error values. Different non-numeric types are unequal.
    public static func celEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8Equal(y)
        case (.double(let x), .double(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.int(let x), .double(let y)): return Numeric.compare(x, y) == 0
        case (.double(let x), .int(let y)): return Numeric.compare(y, x) == 0
        case (.uint(let x), .double(let y)): return Numeric.compare(x, y) == 0
        case (.double(let x), .uint(let y)): return Numeric.compare(y, x) == 0
        case (.int(let x), .uint(let y)): return Numeric.compare(x, y) == 0
        case (.uint(let x), .int(let y)): return Numeric.compare(y, x) == 0
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for i in x.indices where !celEqual(x[i], y[i]) { return false }
            return true
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.entries {
                guard let mk = MapKey(k), let w = y[mk], celEqual(v, w) else { return false }
            }
            return true
        default: return false
        }
    }

    @inline(__always)
    private static func dcmp(_ x: Double, _ y: Double) -> Int?? {
        if x.isNaN || y.isNaN { return .some(nil) }
        return .some(Numeric.cmp(x, y))
    }

    /// Ordering: -1, 0, 1; nil for NaN; an error value's message for unsupported types.
    @inline(__always)
    static func celCompare(_ a: Value, _ b: Value) -> Int?? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return Numeric.cmp(x, y)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return .some(nil) }
            return Numeric.cmp(x, y)
        case (.uint(let x), .uint(let y)): return Numeric.cmp(x, y)
        case (.string(let x), .string(let y)):
            if x.utf8Equal(y) { return 0 }
            return x.utf8Less(y) ? -1 : 1
        // Ordering across int/uint and double converts to double, as the reference runtimes do.
        case (.int(let x), .double(let y)): return dcmp(Double(x), y)
        case (.double(let x), .int(let y)): return dcmp(x, Double(y))
        case (.uint(let x), .double(let y)): return dcmp(Double(x), y)
        case (.double(let x), .uint(let y)): return dcmp(x, Double(y))
        case (.int(let x), .uint(let y)): return Numeric.compare(x, y)
        case (.uint(let x), .int(let y)): return -Numeric.compare(y, x)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.bytes(let x), .bytes(let y)):
            if x == y { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        default: return nil
        }
    }
}
