extension JSONSchema {
    /// Keywords that carry no validation and are accepted as documentation.
    static let annotationKeywords: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "examples", "deprecated", "readOnly", "writeOnly", "format",
        "default",
    ]

    /// Keywords that are validated.
    static let validationKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minItems", "maxItems",
        "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
        "anyOf", "oneOf",
    ]

    /// Compiles `value` (a JSON Schema) found at `path`, appending every problem to `issues`.
    /// Keywords outside the supported subset are reported (they would be silently ignored otherwise);
    /// extension keywords starting with `x-` are allowed. The result is usable even when issues were found.
    public static func compile(_ value: JSONValue, at path: JSONPath = .root, issues: inout [SchemaIssue]) -> JSONSchema {
        var compiler = Compiler(issues: issues)
        let schema = compiler.compile(value, at: path)
        issues = compiler.issues
        return schema
    }

    /// Compiles `value`, throwing every problem at once.
    public static func compile(_ value: JSONValue) throws(SchemaError) -> JSONSchema {
        var issues: [SchemaIssue] = []
        let schema = compile(value, at: .root, issues: &issues)
        if !issues.isEmpty { throw SchemaError(issues: issues) }
        return schema
    }
}

/// A schema that does not compile, or a value that does not validate: every issue with its path.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public let issues: [SchemaIssue]
    public init(issues: [SchemaIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

private struct Compiler {
    var issues: [SchemaIssue]

    mutating func report(_ path: JSONPath, _ message: String) {
        issues.append(SchemaIssue(path: path, message: message))
    }

    mutating func compile(_ value: JSONValue, at path: JSONPath) -> JSONSchema {
        switch value {
        case .bool(true): return JSONSchema(source: value)
        case .bool(false): return JSONSchema(source: value, rejectsEverything: true)
        case .object(let object): return compileObject(object, source: value, at: path)
        default:
            report(path, "a schema must be an object or a boolean, found \(value.typeName)")
            return JSONSchema(source: value)
        }
    }

    private mutating func compileObject(_ object: JSONObject, source: JSONValue, at path: JSONPath) -> JSONSchema {
        for (key, _) in object
        where !JSONSchema.annotationKeywords.contains(key) && !JSONSchema.validationKeywords.contains(key) && !key.hasPrefix("x-") {
            let hint = JSONSchema.validationKeywords.first { Compiler.isTypo(key, of: $0) }
            report(path.appending(key), "unsupported schema keyword \"\(key)\"" + (hint.map { " (did you mean \"\($0)\"?)" } ?? ""))
        }
        let types = compileTypes(object["type"], at: path.appending("type"))
        let title = string(object, "title", path)
        let description = string(object, "description", path)
        let format = string(object, "format", path)
        let pattern = string(object, "pattern", path)

        var propertyNames: [String] = []
        var properties: [String: JSONSchema] = [:]
        if let value = object["properties"] {
            if case .object(let props) = value {
                for (name, schema) in props {
                    propertyNames.append(name)
                    properties[name] = compile(schema, at: path.appending("properties").appending(name))
                }
            } else {
                report(path.appending("properties"), "must be an object, found \(value.typeName)")
            }
        }
        let required = compileRequired(object["required"], at: path.appending("required"),
                                       declared: object["properties"] == nil ? nil : Set(propertyNames))
        var additional = JSONSchema.Additional.allowed
        if let value = object["additionalProperties"] {
            switch value {
            case .bool(true): additional = .allowed
            case .bool(false): additional = .forbidden
            case .object: additional = .schema(compile(value, at: path.appending("additionalProperties")))
            default: report(path.appending("additionalProperties"), "must be a boolean or a schema, found \(value.typeName)")
            }
        }
        let items = object["items"].map { compile($0, at: path.appending("items")) }
        let minItems = count(object, "minItems", path)
        let maxItems = count(object, "maxItems", path)
        let minLength = count(object, "minLength", path)
        let maxLength = count(object, "maxLength", path)
        if let lo = minItems, let hi = maxItems, lo > hi { report(path.appending("minItems"), "minItems \(lo) is greater than maxItems \(hi)") }
        if let lo = minLength, let hi = maxLength, lo > hi { report(path.appending("minLength"), "minLength \(lo) is greater than maxLength \(hi)") }
        var uniqueItems = false
        if let value = object["uniqueItems"] {
            if case .bool(let b) = value { uniqueItems = b } else { report(path.appending("uniqueItems"), "must be a boolean, found \(value.typeName)") }
        }
        let minimum = number(object, "minimum", path)
        let maximum = number(object, "maximum", path)
        let exclusiveMinimum = number(object, "exclusiveMinimum", path)
        let exclusiveMaximum = number(object, "exclusiveMaximum", path)
        if let lo = minimum, let hi = maximum, JSONNumber.compare(lo, hi) > 0 {
            report(path.appending("minimum"), "minimum \(lo) is greater than maximum \(hi)")
        }
        var enumValues: [JSONValue]?
        if let value = object["enum"] {
            if case .array(let values) = value, !values.isEmpty {
                enumValues = values
                for (i, v) in values.enumerated() where values[..<i].contains(v) {
                    report(path.appending("enum").appending(index: i), "duplicate enum value \(v)")
                }
            } else {
                report(path.appending("enum"), "must be a non-empty array")
            }
        }
        let anyOf = compileList(object, "anyOf", path)
        let oneOf = compileList(object, "oneOf", path)

        let schema = JSONSchema(
            source: source, types: types, title: title, description: description, format: format,
            defaultValue: object["default"], enumValues: enumValues, constValue: object["const"],
            propertyNames: propertyNames, properties: properties, required: required, additionalProperties: additional,
            items: items, minItems: minItems, maxItems: maxItems, uniqueItems: uniqueItems, minimum: minimum,
            maximum: maximum, exclusiveMinimum: exclusiveMinimum, exclusiveMaximum: exclusiveMaximum,
            minLength: minLength, maxLength: maxLength, pattern: pattern, anyOf: anyOf, oneOf: oneOf)
        if let value = enumValues {
            for (i, v) in value.enumerated() {
                for issue in schema.validate(v, at: path.appending("enum").appending(index: i), checkEnum: false) {
                    report(issue.path, "enum value does not match the schema: \(issue.message)")
                }
            }
        }
        if let defaultValue = object["default"] {
            for issue in schema.validate(defaultValue, at: path.appending("default")) {
                report(issue.path, "default does not match the schema: \(issue.message)")
            }
        }
        return schema
    }

    private mutating func compileTypes(_ value: JSONValue?, at path: JSONPath) -> [JSONSchema.TypeName]? {
        guard let value else { return nil }
        let names: [(JSONValue, JSONPath)]
        switch value {
        case .string: names = [(value, path)]
        case .array(let items) where !items.isEmpty: names = items.enumerated().map { ($1, path.appending(index: $0)) }
        default:
            report(path, "must be a type name or a non-empty array of type names")
            return nil
        }
        var types: [JSONSchema.TypeName] = []
        for (name, at) in names {
            guard case .string(let s) = name else {
                report(at, "must be a string, found \(name.typeName)")
                continue
            }
            guard let type = JSONSchema.TypeName(rawValue: s) else {
                let hint = JSONSchema.TypeName.allCases.first { Compiler.isTypo(s, of: $0.rawValue) }
                report(at, "unknown type \"\(s)\"" + (hint.map { " (did you mean \"\($0.rawValue)\"?)" } ?? ""))
                continue
            }
            if types.contains(type) { report(at, "duplicate type \"\(s)\"") }
            types.append(type)
        }
        return types.isEmpty ? nil : types
    }

    private mutating func compileRequired(_ value: JSONValue?, at path: JSONPath, declared: Set<String>?) -> [String] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            report(path, "must be an array of property names")
            return []
        }
        var names: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let name) = item else {
                report(path.appending(index: i), "must be a string, found \(item.typeName)")
                continue
            }
            if names.contains(name) { report(path.appending(index: i), "duplicate required property \"\(name)\"") }
            if let declared, !declared.contains(name) {
                report(path.appending(index: i), "required property \"\(name)\" is not declared in properties")
            }
            names.append(name)
        }
        return names
    }

    private mutating func compileList(_ object: JSONObject, _ key: String, _ path: JSONPath) -> [JSONSchema]? {
        guard let value = object[key] else { return nil }
        guard case .array(let items) = value, !items.isEmpty else {
            report(path.appending(key), "must be a non-empty array of schemas")
            return nil
        }
        return items.enumerated().map { compile($1, at: path.appending(key).appending(index: $0)) }
    }

    private mutating func string(_ object: JSONObject, _ key: String, _ path: JSONPath) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let s) = value else {
            report(path.appending(key), "must be a string, found \(value.typeName)")
            return nil
        }
        return s
    }

    private mutating func count(_ object: JSONObject, _ key: String, _ path: JSONPath) -> Int? {
        guard let value = object[key] else { return nil }
        guard case .number(let n) = value, let int = n.int, int >= 0, let result = Int(exactly: int) else {
            report(path.appending(key), "must be a non-negative integer, found \(value)")
            return nil
        }
        return result
    }

    private mutating func number(_ object: JSONObject, _ key: String, _ path: JSONPath) -> JSONNumber? {
        guard let value = object[key] else { return nil }
        guard case .number(let n) = value else {
            report(path.appending(key), "must be a number, found \(value.typeName)")
            return nil
        }
        return n
    }

    /// Whether `word` is one edit (insert, delete, substitute, adjacent swap) away from `target`.
    static func isTypo(_ word: String, of target: String) -> Bool {
        let a = Array(word.lowercased().unicodeScalars)
        let b = Array(target.lowercased().unicodeScalars)
        if a == b { return word != target }
        if abs(a.count - b.count) > 1 { return false }
        var i = 0
        while i < min(a.count, b.count), a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if Array(a[(i + 1)...]) == Array(b[(i + 1)...]) { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && Array(a[(i + 2)...]) == Array(b[(i + 2)...])
        }
        return a.count > b.count ? Array(a[(i + 1)...]) == Array(b[i...]) : Array(a[i...]) == Array(b[(i + 1)...])
    }
}
