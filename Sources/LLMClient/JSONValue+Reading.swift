import JSONCore

/// Reading endpoint answers into ``JSONValue`` with JSONCore's reader (one pass, no Foundation): the chat
/// completion of every query is parsed here, so this is on the hot path.
extension JSONValue {
    /// Parses `bytes` (the whole body). Duplicate keys are kept; lookups see the last one, as most parsers do.
    static func read(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONReadError) -> JSONValue {
        try JSONReader.read(bytes, limits: .init(maxDepth: maxDepth), builder: Builder())
    }

    private struct Builder: JSONBuilder {
        func null() -> JSONValue { .null }
        func bool(_ value: Bool) -> JSONValue { .bool(value) }
        func string(_ value: String) -> JSONValue { .string(value) }
        func number(_ number: JSONNumberToken) -> JSONValue? {
            if let integer = number.int64, let value = Int(exactly: integer) { return .int(value) }
            return number.finiteDouble.map { .double($0) }
        }
        func array(_ items: [JSONValue]) -> JSONValue { .array(items) }
        func beginObject() -> [(String, JSONValue)] { [] }
        func add(key: String, value: JSONValue, to object: inout [(String, JSONValue)]) -> Bool {
            object.append((key, value))
            return true
        }
        func object(_ object: [(String, JSONValue)]) -> JSONValue { .object(object) }
    }
}

/// Typed access to one JSON value with the path it came from, so a wrong shape is reported as
/// `$.choices[0].message.content: expected a string, found a number`.
struct JSONField {
    struct ShapeError: Error, CustomStringConvertible {
        let path: String
        let problem: String
        var description: String { "\(path): \(problem)" }
    }

    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String = "$") {
        self.value = value
        self.path = path
    }

    /// A member that must be present (null counts as present).
    func required(_ key: String) throws(ShapeError) -> JSONField {
        guard case .object = value else { throw ShapeError(path: path, problem: "expected an object, found \(kind)") }
        guard let member = self[key] else { throw ShapeError(path: path, problem: "missing key '\(key)'") }
        return member
    }

    /// A member when the value is an object holding it; nil otherwise (also when the value is not an object).
    subscript(key: String) -> JSONField? {
        guard case .object(let members) = value, let member = members.last(where: { $0.0 == key }) else { return nil }
        return JSONField(member.1, path: path + "." + key)
    }

    /// A member that may be absent or null; present and not null must be an object.
    func optionalObject(_ key: String) throws(ShapeError) -> JSONField? {
        guard let member = self[key], !member.isNull else { return nil }
        guard case .object = member.value else { throw ShapeError(path: member.path, problem: "expected an object, found \(member.kind)") }
        return member
    }

    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The elements of an array.
    func elements() throws(ShapeError) -> [JSONField] {
        guard case .array(let items) = value else { throw ShapeError(path: path, problem: "expected an array, found \(kind)") }
        return items.enumerated().map { JSONField($0.element, path: path + "[\($0.offset)]") }
    }

    /// A string member; nil when absent or null.
    func optionalString(_ key: String) throws(ShapeError) -> String? {
        guard let member = self[key], !member.isNull else { return nil }
        guard case .string(let text) = member.value else { throw ShapeError(path: member.path, problem: "expected a string, found \(member.kind)") }
        return text
    }

    /// An integer member; nil when absent or null. Integral doubles in range count (some servers send 12.0).
    func optionalInt(_ key: String) throws(ShapeError) -> Int? {
        guard let member = self[key], !member.isNull else { return nil }
        switch member.value {
        case .int(let number): return number
        case .double(let number):
            if let exact = Int(exactly: number) { return exact }
            throw ShapeError(path: member.path, problem: "expected an integer, found \(number)")
        default: throw ShapeError(path: member.path, problem: "expected an integer, found \(member.kind)")
        }
    }

    var kind: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        case .raw: "raw JSON"
        }
    }
}
