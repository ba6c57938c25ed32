public import Catalog
public import Sandbox
import SandboxJSON

/// Converts plan-language values to JSON (tool arguments) and JSON to values (tool results).
///
/// A JSON number becomes a `double` unless the schema at its position says `integer` (then an `int`
/// when it is integral and fits in 64 bits). Bytes become base64 strings; map keys must be strings,
/// ints, uints or bools (printed as JSON keys); error values cannot be sent.
public enum ValueConversion {
    /// A value that cannot cross into JSON.
    public struct ConversionError: Error, Sendable, CustomStringConvertible {
        public let path: JSONPath
        public let message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The JSON form of `value` (tool arguments).
    public static func json(from value: Value, at path: JSONPath = .root, depth: Int = 0) throws(ConversionError) -> CatalogJSON {
        guard depth < 128 else { throw ConversionError(path: path, message: "nested deeper than 128 levels") }
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(JSONNumber(i))
        case .uint(let u):
            if let i = Int64(exactly: u) { return .number(JSONNumber(i)) }
            return .number(JSONNumber(Double(u)))
        case .double(let d):
            guard d.isFinite else { throw ConversionError(path: path, message: "\(d) is not a finite number") }
            return .number(JSONNumber(d))
        case .string(let s): return .string(s)
        case .bytes: return .string(SandboxJSON.JSONValue.serialize(value).trimmingQuotes)
        case .type(let t): return .string(t.rawValue)
        case .error(let e): throw ConversionError(path: path, message: "an error value cannot be sent to a tool: \(e.message)")
        case .list(let xs):
            var out: [CatalogJSON] = []
            out.reserveCapacity(xs.count)
            for (i, x) in xs.enumerated() { out.append(try json(from: x, at: path.appending(index: i), depth: depth + 1)) }
            return .array(out)
        case .map(let m):
            var pairs: [(String, CatalogJSON)] = []
            pairs.reserveCapacity(m.count)
            for (k, v) in m.entries {
                let key: String
                switch k {
                case .string(let s): key = s
                case .int(let i): key = String(i)
                case .uint(let u): key = String(u)
                case .bool(let b): key = b ? "true" : "false"
                default: throw ConversionError(path: path, message: "map key of type \(k.type.rawValue) cannot be a JSON object key")
                }
                pairs.append((key, try json(from: v, at: path.appending(key), depth: depth + 1)))
            }
            return .object(JSONObject(pairs))
        }
    }

    /// The value form of `json` (tool results), guided by `schema` for integers.
    public static func value(from json: CatalogJSON, schema: JSONSchema? = nil) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .number(let n):
            if let schema, let types = schema.types, types.contains(.integer), !types.contains(.number), let i = n.int {
                return .int(i)
            }
            return .double(n.double)
        case .array(let xs):
            let items = schema?.items
            return .list(xs.map { value(from: $0, schema: items) })
        case .object(let o):
            var m = MapValue(minimumCapacity: o.count)
            for (k, v) in o.entries {
                let sub = schema.flatMap { s -> JSONSchema? in
                    if let p = s.properties[k] { return p }
                    if case .schema(let extra) = s.additionalProperties { return extra }
                    return nil
                }
                m.insertOrReplace(key: .string(k), value: value(from: v, schema: sub))
            }
            return .map(m)
        }
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        guard count >= 2, first == "\"", last == "\"" else { return self }
        return String(dropFirst().dropLast())
    }
}
