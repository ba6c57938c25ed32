extension ToolDefinition {
    /// A one-line call signature for prompts and listings:
    /// `weather_forecast(latitude: number, longitude: number, days?: integer = 7) -> object`.
    /// Optional parameters carry `?`, defaults follow `=`.
    public var signature: String {
        let parameters = parameterNames.map { name -> String in
            let schema = self.parameters.properties[name] ?? .any
            let optional = self.parameters.required.contains(name) ? "" : "?"
            let fallback = schema.defaultValue.map { " = \($0)" } ?? ""
            return "\(name)\(optional): \(ToolDefinition.typeText(schema))\(fallback)"
        }
        let output = result.map { " -> " + ToolDefinition.typeText($0) } ?? ""
        return "\(name)(\(parameters.joined(separator: ", ")))\(output)"
    }

    /// The parameters with their descriptions, in declaration order (text for ranking and prompts).
    public var parameterDescriptions: [(name: String, description: String)] {
        parameterNames.map { ($0, parameters.properties[$0]?.description ?? "") }
    }

    /// `number`, `string|null`, `"a"|"b"`, `[number]`, `any`.
    static func typeText(_ schema: JSONSchema) -> String {
        if let values = schema.enumValues { return values.map(\.description).joined(separator: "|") }
        if let value = schema.constValue { return value.description }
        if let options = schema.anyOf ?? schema.oneOf { return options.map(typeText).joined(separator: "|") }
        guard let types = schema.types else { return "any" }
        return types.map { type -> String in
            if type == .array, let items = schema.items { return "[\(typeText(items))]" }
            return type.rawValue
        }.joined(separator: "|")
    }
}
