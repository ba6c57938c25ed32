/// A compiled JSON Schema (draft 2020-12), restricted to the keywords tool definitions use.
/// Build one with `JSONSchema.compile(_:at:issues:)`; validate values with `validate(_:)`.
public final class JSONSchema: Sendable {
    /// JSON Schema's primitive types.
    public enum TypeName: String, Sendable, CaseIterable {
        case null, boolean, integer, number, string, array, object
    }

    /// What `additionalProperties` allows.
    public enum Additional: Sendable {
        case allowed
        case forbidden
        case schema(JSONSchema)
    }

    /// The schema as written (for prompts, documentation and hashing).
    public let source: JSONValue
    /// `false` as a schema: nothing validates.
    public let rejectsEverything: Bool
    /// Allowed types; nil allows any.
    public let types: [TypeName]?
    public let title: String?
    public let description: String?
    public let format: String?
    public let defaultValue: JSONValue?
    public let enumValues: [JSONValue]?
    public let constValue: JSONValue?
    // Objects.
    public let propertyNames: [String]
    public let properties: [String: JSONSchema]
    public let required: [String]
    public let additionalProperties: Additional
    // Arrays.
    public let items: JSONSchema?
    public let minItems: Int?
    public let maxItems: Int?
    public let uniqueItems: Bool
    // Numbers.
    public let minimum: JSONNumber?
    public let maximum: JSONNumber?
    public let exclusiveMinimum: JSONNumber?
    public let exclusiveMaximum: JSONNumber?
    // Strings.
    public let minLength: Int?
    public let maxLength: Int?
    public let pattern: String?
    // Composition.
    public let anyOf: [JSONSchema]?
    public let oneOf: [JSONSchema]?

    init(
        source: JSONValue, rejectsEverything: Bool = false, types: [TypeName]? = nil, title: String? = nil,
        description: String? = nil, format: String? = nil, defaultValue: JSONValue? = nil, enumValues: [JSONValue]? = nil,
        constValue: JSONValue? = nil, propertyNames: [String] = [], properties: [String: JSONSchema] = [:],
        required: [String] = [], additionalProperties: Additional = .allowed, items: JSONSchema? = nil,
        minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool = false, minimum: JSONNumber? = nil,
        maximum: JSONNumber? = nil, exclusiveMinimum: JSONNumber? = nil, exclusiveMaximum: JSONNumber? = nil,
        minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, anyOf: [JSONSchema]? = nil,
        oneOf: [JSONSchema]? = nil
    ) {
        self.source = source
        self.rejectsEverything = rejectsEverything
        self.types = types
        self.title = title
        self.description = description
        self.format = format
        self.defaultValue = defaultValue
        self.enumValues = enumValues
        self.constValue = constValue
        self.propertyNames = propertyNames
        self.properties = properties
        self.required = required
        self.additionalProperties = additionalProperties
        self.items = items
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.anyOf = anyOf
        self.oneOf = oneOf
    }

    /// The schema that accepts everything (`{}` or `true`).
    public static let any = JSONSchema(source: .object(JSONObject()))

    /// Whether `type` is among the allowed types (`number` also admits integers).
    public func allows(_ type: TypeName) -> Bool {
        guard let types else { return true }
        return types.contains(type) || (type == .integer && types.contains(.number))
    }
}
