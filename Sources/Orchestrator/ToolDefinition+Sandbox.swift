public import Catalog
public import Sandbox

extension ToolDefinition {
    /// What the plan checker and scheduler need to know of this tool.
    public var sandboxDescription: ToolDescription {
        let required = Set(parameters.required)
        let extra: Bool
        switch parameters.additionalProperties {
        case .forbidden: extra = false
        case .allowed, .schema: extra = true
        }
        return ToolDescription(
            name: name, effect: effect == CatalogEffect.write ? Sandbox.ToolEffect.write : Sandbox.ToolEffect.read,
            parameters: parameterNames.map { ToolDescription.Parameter(name: $0, required: required.contains($0)) },
            allowsExtraArguments: extra)
    }

    /// The result's shape for prompts: `{iso: string, unix: number}`, `[object]`, or `any`.
    var resultShape: String {
        guard let result else { return "any" }
        return ToolDefinition.shape(result, depth: 0)
    }

    static func shape(_ schema: JSONSchema, depth: Int) -> String {
        if schema.allows(.object), schema.types != nil, !schema.propertyNames.isEmpty, depth < 2 {
            let fields = schema.propertyNames.prefix(12).map { name -> String in
                let inner = schema.properties[name].map { shape($0, depth: depth + 1) } ?? "any"
                return "\(name): \(inner)"
            }
            return "{" + fields.joined(separator: ", ") + (schema.propertyNames.count > 12 ? ", ..." : "") + "}"
        }
        if let types = schema.types, types == [.array] {
            return "[" + (schema.items.map { shape($0, depth: depth + 1) } ?? "any") + "]"
        }
        guard let types = schema.types else { return "any" }
        return types.map(\.rawValue).joined(separator: "|")
    }
}
