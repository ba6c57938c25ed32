/// A parsed JSON value: the small subset of JSON the encoder reads (configs, safetensors headers,
/// `tokenizer.json`). Parsed without Foundation by `JSONValue.parse(_:)`.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The value as an exact integer, or nil when it is not a number with an integral value in range.
    var intValue: Int? {
        guard case .number(let d) = self, d.rounded(.towardZero) == d, let i = Int(exactly: d) else { return nil }
        return i
    }

    var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }
}

/// Why a JSON text could not be parsed, with the byte offset of the problem.
struct JSONSyntaxError: Error, Sendable, Equatable {
    var offset: Int
    var message: String
}
