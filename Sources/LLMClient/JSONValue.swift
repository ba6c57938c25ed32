import JSONCore

/// A JSON value that keeps object keys in order (a JSON schema's property order steers grammar-constrained
/// generation), used to build request bodies.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// JSON text inserted as is (e.g. a schema loaded from a file). It must be valid JSON.
    case raw(String)

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.raw(let a), .raw(let b)): a == b
        default: false
        }
    }

    /// Compact JSON text.
    public var serialized: String {
        var writer = JSONWriter(output: "")
        write(into: &writer)
        return writer.output
    }

    /// Compact JSON text as UTF-8 bytes (what a request body is), without going through a `String`.
    public var serializedBytes: [UInt8] {
        var writer = JSONWriter(output: [UInt8]())
        write(into: &writer)
        return writer.output
    }

    func write<Output: JSONOutput>(into out: inout JSONWriter<Output>) {
        switch self {
        case .null: out.null()
        case .bool(let value): out.bool(value)
        case .int(let value): out.integer(value)
        case .double(let value): out.double(value)
        case .string(let value): out.string(value)
        case .raw(let text): out.raw(text)
        case .array(let items):
            out.beginArray()
            for item in items { item.write(into: &out) }
            out.endArray()
        case .object(let members):
            out.beginObject()
            for member in members {
                out.key(member.0)
                member.1.write(into: &out)
            }
            out.endObject()
        }
    }
}
