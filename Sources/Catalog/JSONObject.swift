/// A JSON object whose keys keep their insertion order (so output is deterministic and matches the source).
/// Small objects (most of them) are a plain array searched linearly; a hash index is added past 12 keys.
public struct JSONObject: Sendable, Hashable, Sequence {
    private var storage: [(key: String, value: JSONValue)] = []
    private var index: [String: Int]?

    private static let indexThreshold = 12

    public init() {}

    /// An object from key-value pairs in order; a later duplicate key replaces the earlier value in place.
    public init(_ pairs: [(String, JSONValue)]) {
        storage.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// The keys in insertion order.
    public var keys: [String] { storage.map(\.key) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return storage.firstIndex { $0.key == key }
    }

    /// Reads a member; assigning nil removes it, assigning a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let newValue {
                if let i = position(of: key) {
                    storage[i].value = newValue
                } else {
                    storage.append((key, newValue))
                    if index != nil {
                        index?[key] = storage.count - 1
                    } else if storage.count > JSONObject.indexThreshold {
                        rebuildIndex()
                    }
                }
            } else if let i = position(of: key) {
                storage.remove(at: i)
                if index != nil { rebuildIndex() }
            }
        }
    }

    private mutating func rebuildIndex() {
        var built: [String: Int] = [:]
        built.reserveCapacity(storage.count)
        for (i, entry) in storage.enumerated() { built[entry.key] = i }
        index = built
    }

    /// Appends a member known to be new (the parser has already checked for duplicates).
    mutating func appendNew(_ key: String, _ value: JSONValue) {
        if storage.isEmpty { storage.reserveCapacity(8) }
        storage.append((key, value))
        if index != nil {
            index?[key] = storage.count - 1
        } else if storage.count > JSONObject.indexThreshold {
            rebuildIndex()
        }
    }

    /// The members in insertion order.
    public var entries: [(key: String, value: JSONValue)] { storage }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        storage.makeIterator()
    }

    /// Equality ignores key order, as JSON does.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.storage.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// Order-independent, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in storage {
            var h = Hasher()
            h.combine(key)
            h.combine(value)
            combined ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
