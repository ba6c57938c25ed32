import JSONCore

/// A strict JSON (RFC 8259) parser that keeps object key order, exact integers, and reports errors
/// with line and column. Duplicate keys are an error. The reading itself is JSONCore's `JSONReader`;
/// this type builds Catalog's `JSONValue` and keeps Catalog's error type.
public struct JSONParser {
    /// Limits on the input. Every limit fails with an error naming it and the amount.
    public struct Limits: Sendable {
        /// Maximum nesting of arrays and objects.
        public var maxDepth: Int = 256
        /// Maximum input size in bytes.
        public var maxBytes: Int = 16 << 20
        public init(maxDepth: Int = 256, maxBytes: Int = 16 << 20) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
        }
    }

    /// Parses one JSON document from `text`.
    public static func parse(_ text: String, limits: Limits = Limits()) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8), limits: limits)
    }

    /// Parses one JSON document from UTF-8 `bytes` (a leading byte-order mark is skipped).
    public static func parse(bytes: [UInt8], limits: Limits = Limits()) throws(JSONParseError) -> JSONValue {
        do throws(JSONReadError) {
            let readerLimits = JSONReader<Builder>.Limits(maxDepth: limits.maxDepth, maxBytes: limits.maxBytes, skipsByteOrderMark: true)
            return try JSONReader.read(bytes, limits: readerLimits, builder: Builder())
        } catch {
            throw JSONParseError(code: JSONParseError.Code(raw: error.code.description), line: error.line, column: error.column, message: error.message)
        }
    }

    /// Builds `JSONValue`s: integers keep their exact `Int64`, numbers that overflow a double are refused,
    /// and a repeated object key is an error.
    struct Builder: JSONBuilder {
        func null() -> JSONValue { .null }
        func bool(_ value: Bool) -> JSONValue { .bool(value) }
        func string(_ value: String) -> JSONValue { .string(value) }

        func number(_ number: JSONNumberToken) -> JSONValue? {
            guard let double = number.finiteDouble else { return nil }
            if let int = number.int64 { return .number(JSONNumber(double: double, int: int)) }
            return .number(JSONNumber(double))
        }

        func array(_ items: [JSONValue]) -> JSONValue { .array(items) }
        func beginObject() -> JSONObject { JSONObject() }

        func add(key: String, value: JSONValue, to object: inout JSONObject) -> Bool {
            if object.count > 0 && object[key] != nil { return false }
            object.appendNew(key, value)
            return true
        }

        func object(_ object: JSONObject) -> JSONValue { .object(object) }
    }
}
