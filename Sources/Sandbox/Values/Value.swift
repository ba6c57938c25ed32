/// A CEL value. Strings are compared and measured in Unicode code points; maps keep insertion order.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([Value])
    case map(MapValue)
    case type(ValueType)
    /// An error travelling as a value (CEL semantics: `&&`/`||` may absorb it).
    indirect case error(EvalError)
}

/// The runtime type of a value, as returned by `type(x)`.
public enum ValueType: String, Sendable, Hashable, CaseIterable {
    case null = "null_type"
    case bool, int, uint, double, string, bytes, list, map, type
    case error
}

extension Value {
    public var type: ValueType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .list: .list
        case .map: .map
        case .type: .type
        case .error: .error
        }
    }

    @inlinable public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// A map from string keys, a convenience for tool results and bindings.
    public static func object(_ pairs: KeyValuePairs<String, Value>) -> Value {
        var m = MapValue()
        for (k, v) in pairs { m.insertOrReplace(key: .string(k), value: v) }
        return .map(m)
    }

    public subscript(key: String) -> Value? {
        guard case .map(let m) = self else { return nil }
        return m[.string(key)]
    }
}
