/// Whether a tool only reads (safe to retry and to run in parallel) or changes something outside.
public enum ToolEffect: String, Sendable, Hashable {
    case read
    case write
}

/// One tool of the catalog: what it does (for ranking and the LLM), what it takes and returns,
/// how it is executed, and the limits of each call.
public final class ToolDefinition: Sendable {
    /// The name plans call it by: a CEL identifier, unique in the catalog.
    public let name: String
    /// What the tool does, in plain words; ranking and the LLM prompt rely on it.
    public let description: String
    /// JSON Schema of the arguments object (type `object`).
    public let parameters: JSONSchema
    /// JSON Schema of the result, when known.
    public let result: JSONSchema?
    public let tags: [String]
    public let effect: ToolEffect
    public let binding: ToolBinding
    public let policy: ToolPolicy
    /// Example calls, for documentation and prompts.
    public let examples: [ToolExample]
    /// The definition as written (the catalog content hash is computed over it).
    public let source: JSONValue
    /// The file it came from (as shown in messages), empty for tools built in code.
    public let file: String

    public init(
        name: String, description: String, parameters: JSONSchema, result: JSONSchema? = nil, tags: [String] = [],
        effect: ToolEffect, binding: ToolBinding, policy: ToolPolicy = ToolPolicy(), examples: [ToolExample] = [],
        source: JSONValue = .null, file: String = ""
    ) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.result = result
        self.tags = tags
        self.effect = effect
        self.binding = binding
        self.policy = policy
        self.examples = examples
        self.source = source
        self.file = file
    }

    /// Parameter names in declaration order.
    public var parameterNames: [String] { parameters.propertyNames }

    /// Checks `arguments` against the parameter schema, collecting every issue, and returns them
    /// with the schema's defaults filled in.
    public func validateArguments(_ arguments: JSONValue, options: SchemaValidationOptions = SchemaValidationOptions())
        throws(ArgumentError) -> JSONValue
    {
        let issues = parameters.validate(arguments, options: options)
        if !issues.isEmpty { throw ArgumentError(tool: name, issues: issues) }
        return parameters.applyingDefaults(to: arguments)
    }
}

/// An example call of a tool.
public struct ToolExample: Sendable {
    public let description: String?
    public let arguments: JSONValue
    public init(description: String?, arguments: JSONValue) {
        self.description = description
        self.arguments = arguments
    }
}

/// Arguments that do not match a tool's parameter schema, with every issue.
public struct ArgumentError: Error, Sendable, CustomStringConvertible {
    public let tool: String
    public let issues: [SchemaIssue]
    public init(tool: String, issues: [SchemaIssue]) {
        self.tool = tool
        self.issues = issues
    }
    public var description: String {
        "invalid arguments for \(tool): " + issues.map(\.description).joined(separator: "; ")
    }
}
