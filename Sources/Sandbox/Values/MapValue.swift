/// An insertion-ordered CEL map. Keys keep the value they were inserted with (so `1u` stays unsigned),
/// while lookups normalise numbers.
public struct MapValue: Sendable {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var normalized: [MapKey] = []
    private var index: [MapKey: Int]? = nil

    public init() {}

    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
        normalized.reserveCapacity(minimumCapacity)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    @inline(__always)
    func position(of key: MapKey) -> Int? {
        if let index { return index[key] }
        for i in normalized.indices where normalized[i] == key { return i }
        return nil
    }

    public subscript(key: MapKey) -> Value? {
        guard let i = position(of: key) else { return nil }
        return values[i]
    }

    /// Fast path for `m.field` selection.
    @inline(__always)
    func lookup(string s: String) -> Value? {
        if let index { return index[.string(s)].map { values[$0] } }
        for i in normalized.indices {
            if case .string(let k) = normalized[i], k.utf8Equal(s) { return values[i] }
        }
        return nil
    }

    /// Inserts a new entry; returns false when the key is already present.
    @discardableResult
    public mutating func insert(key: Value, value: Value) -> Bool {
        guard let k = MapKey(key) else { return false }
        if position(of: k) != nil { return false }
        append(k, key, value)
        return true
    }

    public mutating func insertOrReplace(key: MapKey, value: Value) {
        if let i = position(of: key) {
            values[i] = value
        } else {
            append(key, key.value, value)
        }
    }

    private mutating func append(_ k: MapKey, _ key: Value, _ value: Value) {
        normalized.append(k)
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[k] = normalized.count - 1
        } else if normalized.count > 8 {
            var d = [MapKey: Int](minimumCapacity: normalized.count * 2)
            for (i, n) in normalized.enumerated() { d[n] = i }
            index = d
        }
    }

    public var entries: Zip2Sequence<[Value], [Value]> { zip(keys, values) }
}
