/// Matches a schema's `pattern` against a string. Plug in a linear-time engine; without one, patterns are not checked.
public protocol SchemaPatternMatcher: Sendable {
    /// Whether `text` contains a match of `pattern` (JSON Schema patterns are unanchored).
    /// Throws when the pattern cannot be compiled.
    func matches(pattern: String, text: String) throws -> Bool
}

/// How values are checked against a schema.
public struct SchemaValidationOptions: Sendable {
    /// Checks `pattern`; nil skips pattern checks.
    public var patternMatcher: (any SchemaPatternMatcher)?
    /// Stops recording after this many issues (the rest are summarised in one last issue).
    public var maxIssues: Int

    public init(patternMatcher: (any SchemaPatternMatcher)? = nil, maxIssues: Int = 100) {
        self.patternMatcher = patternMatcher
        self.maxIssues = maxIssues
    }
}

extension JSONSchema {
    /// Every way `value` breaks this schema, each with its path (`$.days: 40 is greater than maximum 16`).
    public func validate(_ value: JSONValue, at path: JSONPath = .root, options: SchemaValidationOptions = SchemaValidationOptions())
        -> [SchemaIssue]
    {
        validate(value, at: path, checkEnum: true, options: options)
    }

    func validate(_ value: JSONValue, at path: JSONPath, checkEnum: Bool, options: SchemaValidationOptions = SchemaValidationOptions())
        -> [SchemaIssue]
    {
        var issues: [SchemaIssue] = []
        check(value, at: path, checkEnum: checkEnum, options: options, into: &issues)
        if issues.count > options.maxIssues {
            let dropped = issues.count - options.maxIssues
            issues.removeLast(dropped)
            issues.append(SchemaIssue(path: path, message: "\(dropped) more issues not shown (limit maxIssues=\(options.maxIssues))"))
        }
        return issues
    }

    private func check(_ value: JSONValue, at path: JSONPath, checkEnum: Bool, options: SchemaValidationOptions, into issues: inout [SchemaIssue]) {
        if issues.count > options.maxIssues { return }
        if rejectsEverything {
            issues.append(SchemaIssue(path: path, message: "no value is allowed here"))
            return
        }
        if let types {
            let actual = value.typeName
            let ok = types.contains { type in
                type.rawValue == actual || (type == .number && actual == "integer")
            }
            if !ok {
                let expected = types.map(\.rawValue).joined(separator: " or ")
                issues.append(SchemaIssue(path: path, message: "expected \(expected), found \(JSONSchema.describeType(value))"))
                return
            }
        }
        if let constValue, constValue != value {
            issues.append(SchemaIssue(path: path, message: "must be \(constValue)"))
        }
        if checkEnum, let enumValues, !enumValues.contains(value) {
            let list = enumValues.prefix(20).map(\.description).joined(separator: ", ")
            issues.append(SchemaIssue(path: path, message: "\(JSONSchema.preview(value)) is not one of \(list)"))
        }
        switch value {
        case .number(let n): checkNumber(n, at: path, into: &issues)
        case .string(let s): checkString(s, at: path, options: options, into: &issues)
        case .array(let items): checkArray(items, at: path, options: options, into: &issues)
        case .object(let object): checkObject(object, at: path, options: options, into: &issues)
        case .null, .bool: break
        }
        if let anyOf {
            let matching = anyOf.contains { $0.validate(value, at: path, checkEnum: true, options: options).isEmpty }
            if !matching { issues.append(SchemaIssue(path: path, message: "does not match any of the \(anyOf.count) allowed schemas")) }
        }
        if let oneOf {
            let matching = oneOf.filter { $0.validate(value, at: path, checkEnum: true, options: options).isEmpty }.count
            if matching != 1 {
                issues.append(SchemaIssue(path: path, message: "matches \(matching) of the \(oneOf.count) schemas in oneOf, expected exactly 1"))
            }
        }
    }

    private func checkNumber(_ n: JSONNumber, at path: JSONPath, into issues: inout [SchemaIssue]) {
        if let minimum, JSONNumber.compare(n, minimum) < 0 {
            issues.append(SchemaIssue(path: path, message: "\(n) is less than minimum \(minimum)"))
        }
        if let maximum, JSONNumber.compare(n, maximum) > 0 {
            issues.append(SchemaIssue(path: path, message: "\(n) is greater than maximum \(maximum)"))
        }
        if let exclusiveMinimum, JSONNumber.compare(n, exclusiveMinimum) <= 0 {
            issues.append(SchemaIssue(path: path, message: "\(n) is not greater than exclusiveMinimum \(exclusiveMinimum)"))
        }
        if let exclusiveMaximum, JSONNumber.compare(n, exclusiveMaximum) >= 0 {
            issues.append(SchemaIssue(path: path, message: "\(n) is not less than exclusiveMaximum \(exclusiveMaximum)"))
        }
    }

    private func checkString(_ s: String, at path: JSONPath, options: SchemaValidationOptions, into issues: inout [SchemaIssue]) {
        if minLength != nil || maxLength != nil {
            let length = s.unicodeScalars.count
            if let minLength, length < minLength {
                issues.append(SchemaIssue(path: path, message: "string of length \(length) is shorter than minLength \(minLength)"))
            }
            if let maxLength, length > maxLength {
                issues.append(SchemaIssue(path: path, message: "string of length \(length) is longer than maxLength \(maxLength)"))
            }
        }
        if let pattern, let matcher = options.patternMatcher {
            do {
                if try !matcher.matches(pattern: pattern, text: s) {
                    issues.append(SchemaIssue(path: path, message: "\(JSONSchema.preview(.string(s))) does not match pattern \(JSONValue.string(pattern))"))
                }
            } catch {
                issues.append(SchemaIssue(path: path, message: "pattern \(JSONValue.string(pattern)) cannot be checked: \(error)"))
            }
        }
    }

    private func checkArray(_ items: [JSONValue], at path: JSONPath, options: SchemaValidationOptions, into issues: inout [SchemaIssue]) {
        if let minItems, items.count < minItems {
            issues.append(SchemaIssue(path: path, message: "array of \(items.count) items has fewer than minItems \(minItems)"))
        }
        if let maxItems, items.count > maxItems {
            issues.append(SchemaIssue(path: path, message: "array of \(items.count) items has more than maxItems \(maxItems)"))
        }
        if uniqueItems {
            var seen = Set<JSONValue>()
            for (i, item) in items.enumerated() where !seen.insert(item).inserted {
                issues.append(SchemaIssue(path: path.appending(index: i), message: "duplicate item \(JSONSchema.preview(item)) (uniqueItems)"))
            }
        }
        if let items_ = self.items {
            for (i, item) in items.enumerated() {
                items_.check(item, at: path.appending(index: i), checkEnum: true, options: options, into: &issues)
                if issues.count > options.maxIssues { return }
            }
        }
    }

    private func checkObject(_ object: JSONObject, at path: JSONPath, options: SchemaValidationOptions, into issues: inout [SchemaIssue]) {
        for name in required where object[name] == nil {
            issues.append(SchemaIssue(path: path.appending(name), message: "required property missing"))
        }
        for (key, value) in object {
            if let schema = properties[key] {
                schema.check(value, at: path.appending(key), checkEnum: true, options: options, into: &issues)
            } else {
                switch additionalProperties {
                case .allowed: break
                case .forbidden:
                    let known = propertyNames.isEmpty ? "" : " (allowed: \(propertyNames.joined(separator: ", ")))"
                    issues.append(SchemaIssue(path: path.appending(key), message: "unknown property\(known)"))
                case .schema(let schema):
                    schema.check(value, at: path.appending(key), checkEnum: true, options: options, into: &issues)
                }
            }
            if issues.count > options.maxIssues { return }
        }
    }

    /// `integer 3`, `string "abc"`, `array`, ... for messages.
    static func describeType(_ value: JSONValue) -> String {
        switch value {
        case .null, .array, .object: value.typeName
        default: "\(value.typeName) \(preview(value))"
        }
    }

    /// The value as JSON, cut to 40 characters.
    static func preview(_ value: JSONValue) -> String {
        let text = value.serialized()
        let scalars = text.unicodeScalars
        guard scalars.count > 40 else { return text }
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: scalars.prefix(37))
        return String(cut) + "..."
    }

    /// `value` with the defaults of missing object properties filled in, recursively through
    /// declared properties and array items. Values already present are kept as they are.
    public func applyingDefaults(to value: JSONValue) -> JSONValue {
        switch value {
        case .object(var object):
            for name in propertyNames {
                guard let schema = properties[name] else { continue }
                if let present = object[name] {
                    object[name] = schema.applyingDefaults(to: present)
                } else if let defaultValue = schema.defaultValue {
                    object[name] = defaultValue
                }
            }
            return .object(object)
        case .array(let items):
            guard let schema = self.items else { return value }
            return .array(items.map { schema.applyingDefaults(to: $0) })
        default:
            return value
        }
    }
}

extension JSONSchema {
    /// Reports every `pattern` in this schema (recursively) that `matcher` cannot compile.
    public func checkPatterns(at path: JSONPath, matcher: any SchemaPatternMatcher, into issues: inout [SchemaIssue]) {
        if let pattern {
            do {
                _ = try matcher.matches(pattern: pattern, text: "")
            } catch {
                issues.append(SchemaIssue(path: path.appending("pattern"), message: "invalid pattern \(JSONValue.string(pattern)): \(error)"))
            }
        }
        for name in propertyNames {
            properties[name]?.checkPatterns(at: path.appending("properties").appending(name), matcher: matcher, into: &issues)
        }
        if case .schema(let schema) = additionalProperties {
            schema.checkPatterns(at: path.appending("additionalProperties"), matcher: matcher, into: &issues)
        }
        items?.checkPatterns(at: path.appending("items"), matcher: matcher, into: &issues)
        for (key, list) in [("anyOf", anyOf), ("oneOf", oneOf)] {
            for (i, schema) in (list ?? []).enumerated() {
                schema.checkPatterns(at: path.appending(key).appending(index: i), matcher: matcher, into: &issues)
            }
        }
    }
}
