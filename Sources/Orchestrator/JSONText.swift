import JSONCore

/// A small JSON builder for events and responses: objects keep their order and `raw` embeds JSON
/// text already serialised (a plan's result).
public indirect enum JSONText: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case raw(String)
    case array([JSONText])
    case object([(String, JSONText)])

    public var serialized: String {
        var out = ""
        write(into: &out)
        return out
    }

    public func write(into out: inout String) {
        JSONWriter.appending(to: &out, stringOptions: JSONText.stringOptions) { writer in write(into: &writer) }
    }

    /// The same text as UTF-8 bytes (what an HTTP body is), without going through a `String`.
    public var serializedBytes: [UInt8] {
        var writer = JSONWriter(output: [UInt8](), stringOptions: JSONText.stringOptions)
        write(into: &writer)
        return writer.output
    }

    func write<Output: JSONOutput>(into out: inout JSONWriter<Output>) {
        switch self {
        case .null: out.null()
        case .bool(let value): out.bool(value)
        case .int(let value): out.integer(value)
        case .double(let value): out.double(JSONText.milli(value), style: .integralAsInteger)
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

    /// Events and responses may be embedded in HTML/JavaScript or split on lines: U+2028/U+2029 are escaped too.
    static let stringOptions = JSONString.Options(escapeLineSeparators: true)

    /// Milliseconds and scores: three decimals are plenty.
    static func milli(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    public static func writeString(_ value: String, into out: inout String) {
        JSONString.append(value, to: &out, options: stringOptions)
    }
}
