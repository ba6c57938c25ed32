extension ToolDefinition {
    static let toolKeys: Set<String> = ["name", "description", "parameters", "result", "tags", "effect", "binding", "policy", "examples"]
    /// Longest tool name and description accepted.
    static let maxNameLength = 64
    static let maxDescriptionLength = 4_096

    /// Reads one tool definition found at `path`, appending every problem to `issues`; nil when it cannot be built.
    public static func decode(_ value: JSONValue, at path: JSONPath, file: String, issues: inout [SchemaIssue]) -> ToolDefinition? {
        var reader = DefinitionReader(issues: issues)
        defer { issues = reader.issues }
        guard case .object(let object) = value else {
            reader.report(path, "a tool must be an object, found \(value.typeName)")
            return nil
        }
        reader.rejectUnknownKeys(object, allowed: toolKeys, at: path)
        let name = reader.requiredString(object, "name", at: path)
        if let name {
            if !Identifier.isValid(name) {
                reader.report(path.appending("name"), "tool name \"\(name)\" is not an identifier (letters, digits and '_', not starting with a digit)")
            } else if name.count > maxNameLength {
                reader.report(path.appending("name"), "tool name is longer than \(maxNameLength) characters")
            }
        }
        let description = reader.requiredString(object, "description", at: path)
        if let description {
            if description.allSatisfy(\.isWhitespace) { reader.report(path.appending("description"), "must not be empty") }
            if description.unicodeScalars.count > maxDescriptionLength {
                reader.report(path.appending("description"), "is longer than \(maxDescriptionLength) characters")
            }
        }
        var parameters: JSONSchema?
        if let value = object["parameters"] {
            var schemaIssues: [SchemaIssue] = []
            let schema = JSONSchema.compile(value, at: path.appending("parameters"), issues: &schemaIssues)
            reader.issues += schemaIssues
            if schema.types != [.object] {
                reader.report(path.appending("parameters"), "the parameters schema must have \"type\": \"object\"")
            }
            parameters = schema
        } else {
            reader.report(path.appending("parameters"), "required key missing")
        }
        var result: JSONSchema?
        if let value = object["result"] {
            var schemaIssues: [SchemaIssue] = []
            result = JSONSchema.compile(value, at: path.appending("result"), issues: &schemaIssues)
            reader.issues += schemaIssues
        }
        let tags = reader.tags(object["tags"], at: path.appending("tags"))
        var effect: ToolEffect?
        if let text = reader.requiredString(object, "effect", at: path) {
            effect = ToolEffect(rawValue: text)
            if effect == nil { reader.report(path.appending("effect"), "must be \"read\" or \"write\", found \"\(text)\"") }
        }
        var binding: ToolBinding?
        if let value = object["binding"] {
            binding = reader.binding(value, at: path.appending("binding"), parameters: parameters)
        } else {
            reader.report(path.appending("binding"), "required key missing")
        }
        let policy = reader.policy(object["policy"], at: path.appending("policy"), effect: effect)
        let examples = reader.examples(object["examples"], at: path.appending("examples"), parameters: parameters)
        guard let name, let description, let parameters, let effect, let binding else { return nil }
        return ToolDefinition(
            name: name, description: description, parameters: parameters, result: result, tags: tags, effect: effect,
            binding: binding, policy: policy, examples: examples, source: value, file: file)
    }
}

/// Reads the parts of a tool definition, collecting issues.
struct DefinitionReader {
    var issues: [SchemaIssue]

    /// Whether `text` has a whitespace scalar (an ASCII scan first: most text is ASCII).
    static func containsWhitespace(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) { return true }
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && text.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    mutating func report(_ path: JSONPath, _ message: String) {
        issues.append(SchemaIssue(path: path, message: message))
    }

    mutating func rejectUnknownKeys(_ object: JSONObject, allowed: Set<String>, at path: JSONPath) {
        for (key, _) in object where !allowed.contains(key) && !key.hasPrefix("x-") {
            report(path.appending(key), "unknown key \"\(key)\" (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    mutating func requiredString(_ object: JSONObject, _ key: String, at path: JSONPath) -> String? {
        guard let value = object[key] else {
            report(path.appending(key), "required key missing")
            return nil
        }
        return string(value, at: path.appending(key))
    }

    mutating func optionalString(_ object: JSONObject, _ key: String, at path: JSONPath) -> String? {
        object[key].flatMap { string($0, at: path.appending(key)) }
    }

    mutating func string(_ value: JSONValue, at path: JSONPath) -> String? {
        guard case .string(let s) = value else {
            report(path, "must be a string, found \(value.typeName)")
            return nil
        }
        return s
    }

    mutating func tags(_ value: JSONValue?, at path: JSONPath) -> [String] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            report(path, "must be an array of strings, found \(value.typeName)")
            return []
        }
        var tags: [String] = []
        for (i, item) in items.enumerated() {
            guard let tag = string(item, at: path.appending(index: i)) else { continue }
            if tag.isEmpty || DefinitionReader.containsWhitespace(tag) {
                report(path.appending(index: i), "a tag must be a non-empty word without spaces")
            } else if tags.contains(tag) {
                report(path.appending(index: i), "duplicate tag \"\(tag)\"")
            } else {
                tags.append(tag)
            }
        }
        return tags
    }

    mutating func policy(_ value: JSONValue?, at path: JSONPath, effect: ToolEffect?) -> ToolPolicy {
        guard let value else { return ToolPolicy() }
        guard case .object(let object) = value else {
            report(path, "must be an object, found \(value.typeName)")
            return ToolPolicy()
        }
        rejectUnknownKeys(object, allowed: Set(ToolPolicy.fields.map(\.key)), at: path)
        var values: [String: Int] = [:]
        for (key, range) in ToolPolicy.fields {
            guard let field = object[key] else { continue }
            guard case .number(let n) = field, let int = n.int, let v = Int(exactly: int) else {
                report(path.appending(key), "must be an integer, found \(field)")
                continue
            }
            guard range.contains(v) else {
                report(path.appending(key), "\(v) is outside the allowed range \(range.lowerBound)...\(range.upperBound)")
                continue
            }
            values[key] = v
        }
        if effect == .write, let retries = values["retries"], retries > 0 {
            report(path.appending("retries"), "a write tool must not be retried (retries apply to read tools only)")
        }
        return ToolPolicy(
            timeoutMilliseconds: values["timeout_ms"], retries: values["retries"], maxConcurrency: values["max_concurrency"],
            responseMaxBytes: values["response_max_bytes"])
    }

    mutating func examples(_ value: JSONValue?, at path: JSONPath, parameters: JSONSchema?) -> [ToolExample] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            report(path, "must be an array, found \(value.typeName)")
            return []
        }
        var examples: [ToolExample] = []
        for (i, item) in items.enumerated() {
            let at = path.appending(index: i)
            guard case .object(let object) = item else {
                report(at, "an example must be an object, found \(item.typeName)")
                continue
            }
            rejectUnknownKeys(object, allowed: ["description", "arguments"], at: at)
            let description = optionalString(object, "description", at: at)
            guard let arguments = object["arguments"] else {
                report(at.appending("arguments"), "required key missing")
                continue
            }
            if let parameters {
                for issue in parameters.validate(arguments, at: at.appending("arguments")) {
                    report(issue.path, "example does not match the parameters: \(issue.message)")
                }
            }
            examples.append(ToolExample(description: description, arguments: arguments))
        }
        return examples
    }
}
