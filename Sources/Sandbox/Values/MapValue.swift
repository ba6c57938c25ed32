/// An insertion-ordered CEL map. Keys keep the value they were inserted with (so `1u` stays unsigned),
/// while lookups normalise numbers. One reference to copy-on-write storage, so that copying a map
/// value (into a slot, out of a list) costs a single retain.
public struct MapValue: Sendable {
    final class Storage: @unchecked Sendable {
        var keys: [Value] = []
        var values: [Value] = []
        var normalized: [MapKey] = []
        var index: [MapKey: Int]? = nil

        init() {}

        func copy() -> Storage {
            let s = Storage()
            s.keys = keys
            s.values = values
            s.normalized = normalized
            s.index = index
            return s
        }
    }

    private var storage: Storage

    public init() { storage = Storage() }

    public init(minimumCapacity: Int) {
        storage = Storage()
        storage.keys.reserveCapacity(minimumCapacity)
        storage.values.reserveCapacity(minimumCapacity)
        storage.normalized.reserveCapacity(minimumCapacity)
    }

    public var keys: [Value] { storage.keys }
    public var values: [Value] { storage.values }
    public var count: Int { storage.keys.count }
    public var isEmpty: Bool { storage.keys.isEmpty }

    @inline(__always)
    func position(of key: MapKey) -> Int? {
        let s = storage
        if let index = s.index { return index[key] }
        for i in s.normalized.indices where s.normalized[i] == key { return i }
        return nil
    }

    public subscript(key: MapKey) -> Value? {
        guard let i = position(of: key) else { return nil }
        return storage.values[i]
    }

    /// Fast path for `m.field` selection.
    @inline(__always)
    func lookup(string str: String) -> Value? {
        let s = storage
        if let index = s.index { return index[.string(str)].map { s.values[$0] } }
        for i in s.normalized.indices {
            if case .string(let k) = s.normalized[i], k.utf8Equal(str) { return s.values[i] }
        }
        return nil
    }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
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
            unique()
            storage.values[i] = value
        } else {
            append(key, key.value, value)
        }
    }

    private mutating func append(_ k: MapKey, _ key: Value, _ value: Value) {
        unique()
        let s = storage
        s.normalized.append(k)
        s.keys.append(key)
        s.values.append(value)
        if s.index != nil {
            s.index?[k] = s.normalized.count - 1
        } else if s.normalized.count > 8 {
            var d = [MapKey: Int](minimumCapacity: s.normalized.count * 2)
            for (i, n) in s.normalized.enumerated() { d[n] = i }
            s.index = d
        }
    }

    public var entries: Zip2Sequence<[Value], [Value]> { zip(storage.keys, storage.values) }
}
