import Catalog

/// `json_*`: reshaping JSON values.
enum JSONBuiltins {
    static let functions: [String: BuiltinFunction] = ["json_pick": pick, "json_flatten": flatten]

    static func pick(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        guard let value = a.object["value"] else { throw ToolError.invalid("value", "required argument missing") }
        let text = try a.string("path")
        let path: JSONPath
        do throws(JSONPathSyntaxError) {
            path = try JSONPath(parsing: text)
        } catch {
            throw ToolError.invalid("path", "invalid path \"\(text)\": \(error)")
        }
        return path.lookup(in: value) ?? a.object["default"] ?? .null
    }

    static func flatten(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        guard let value = a.value("value") else { throw ToolError.invalid("value", "required argument missing") }
        let separator = try a.string("separator", default: ".")
        guard value.objectValue != nil || value.arrayValue != nil else {
            throw ToolError.invalid("value", "expected an object or an array, found \(value.typeName)")
        }
        var out = JSONObject()
        try walk(value, prefix: nil, separator: separator, depth: 0, limits: context.limits, into: &out)
        return .object(out)
    }

    /// Adds the leaves of `value` under joined keys. Empty objects and arrays are kept as leaves.
    private static func walk(_ value: JSONValue, prefix: String?, separator: String, depth: Int, limits: BuiltinLimits, into out: inout JSONObject) throws(ToolError) {
        guard depth <= limits.maxDepth else {
            throw ToolError(.limitExceeded, path: JSONPath.root.appending("value"), "nesting deeper than the limit maxDepth=\(limits.maxDepth)")
        }
        func key(_ part: String) -> String { prefix.map { $0 + separator + part } ?? part }
        switch value {
        case .object(let object) where !object.isEmpty:
            for (k, v) in object { try walk(v, prefix: key(k), separator: separator, depth: depth + 1, limits: limits, into: &out) }
        case .array(let items) where !items.isEmpty:
            for (i, v) in items.enumerated() { try walk(v, prefix: key(String(i)), separator: separator, depth: depth + 1, limits: limits, into: &out) }
        case .object, .array:
            // An empty container: kept as a leaf, except at the root (an empty input flattens to {}).
            guard let prefix else { return }
            try leaf(value, prefix, limits, &out)
        default:
            try leaf(value, prefix ?? "", limits, &out)
        }
    }

    private static func leaf(_ value: JSONValue, _ key: String, _ limits: BuiltinLimits, _ out: inout JSONObject) throws(ToolError) {
        guard out.count < limits.maxListItems else {
            throw ToolError(.limitExceeded, path: JSONPath.root.appending("value"), "more than the limit maxListItems=\(limits.maxListItems) entries")
        }
        out[key] = value
    }
}
