public import Catalog

/// Builds the JSON schema sent as `response_format` (constraint mode `json_schema`) for endpoints that take
/// no GBNF grammar (OpenAI, vLLM, most gateways). It admits only a *structured* plan over the chosen tools:
///
///     {"steps": [{"tool": "convert_length", "args": {"value": 10, "from": "km", "to": {"expr": "input.unit"}}}],
///      "return": "step1"}
///
/// Each step calls one of the chosen tools (an `enum` of one name per `anyOf` branch) with exactly its
/// parameters (all listed; optional ones may be `null`, which omits them), each a literal of the parameter's
/// JSON type (with its `enum` when it has one) or `{"expr": "CEL"}` for a value computed from earlier steps
/// (`step1`, `step2`, … in order) or `input`. `return` is one CEL expression that must start with a step
/// name, `input`, a literal list or map, or a builtin call, and uses single-quoted strings. Quiver renders the answer to plan text
/// (``StructuredPlan``) and checks it as usual. Unknown tools, unknown or missing arguments and literals of
/// the wrong type cannot be written; only the expressions remain for the checker.
///
/// The schema follows OpenAI's strict subset (every object lists all its properties as required and
/// forbids others; no `const`, no free-form objects), which llama.cpp's converter also accepts.
public enum PlanSchema {
    /// Most steps a structured plan may have.
    public static let defaultMaxSteps = 16
    /// The pattern of `return`: one expression, no `;` or newline, starting with a step, `input`, a list,
    /// a map, a parenthesis or a builtin call. No `"` or `\` either (strings in it use single quotes), so a
    /// grammar built from the pattern cannot end the JSON string early.
    static let returnPattern = #"^(step[1-9][0-9]?|input|\[|\{|\(|size\(|string\(|int\(|double\()[^;\n"\\]*$"#

    /// The schema for `tools` (as JSON text, ready for `response_format`).
    public static func schema(tools: [ToolDefinition], maxSteps: Int = defaultMaxSteps) -> JSONText {
        let named = tools.filter { PlanGrammar.isIdentifier($0.name) }
        let steps: JSONText
        if named.isEmpty {
            steps = .object([("type", .string("array")), ("items", object([])), ("maxItems", .int(0))])
        } else {
            steps = .object([
                ("type", .string("array")),
                ("items", .object([("anyOf", .array(named.map(step)))])),
                ("minItems", .int(1)),
                ("maxItems", .int(max(1, maxSteps))),
            ])
        }
        return object([
            ("steps", steps),
            ("return", .object([("type", .string("string")), ("pattern", .string(returnPattern))])),
        ])
    }

    /// One `anyOf` branch: a call of `tool`.
    static func step(_ tool: ToolDefinition) -> JSONText {
        let required = Set(tool.parameters.required)
        let arguments = tool.parameterNames.filter(PlanGrammar.isIdentifier).map { name -> (String, JSONText) in
            let parameter = tool.parameters.properties[name]
            var branches = [expression]
            if let literal = parameter.flatMap(literal) { branches.insert(literal, at: 0) }
            if !required.contains(name) { branches.append(.object([("type", .string("null"))])) }
            return (name, branches.count == 1 ? branches[0] : .object([("anyOf", .array(branches))]))
        }
        return object([
            ("tool", .object([("type", .string("string")), ("enum", .array([.string(tool.name)]))])),
            ("args", object(arguments)),
        ])
    }

    /// `{"expr": "CEL expression"}`: a value computed from earlier steps or `input`.
    /// Its text has no `;`, newline, `"` or `\` (strings in it use single quotes), like `return`'s.
    static let expression = object([("expr", .object([("type", .string("string")), ("pattern", .string(expressionPattern))]))])
    static let expressionPattern = #"^[^;\n"\\]+$"#

    /// A literal of the parameter's type, nil when it has no single simple type (objects, unions, any).
    static func literal(_ schema: JSONSchema) -> JSONText? {
        guard let types = schema.types?.filter({ $0 != .null }), types.count == 1 else { return nil }
        switch types[0] {
        case .string, .integer, .number, .boolean:
            var fields: [(String, JSONText)] = [("type", .string(types[0].rawValue))]
            if let values = schema.enumValues {
                let simple = values.compactMap(simple)
                if simple.count == values.count, !simple.isEmpty { fields.append(("enum", .array(simple))) }
            }
            return .object(fields)
        case .array:
            guard let items = schema.items.flatMap(literal) else { return nil }
            return .object([("type", .string("array")), ("items", items)])
        case .object, .null:
            return nil
        }
    }

    static func simple(_ value: JSONValue) -> JSONText? {
        switch value {
        case .string(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .number(let number): number.int.map { .int(Int($0)) } ?? .double(number.double)
        case .null, .array, .object: nil
        }
    }

    /// A closed object: every property required, no others.
    static func object(_ properties: [(String, JSONText)]) -> JSONText {
        .object([
            ("type", .string("object")),
            ("properties", .object(properties)),
            ("required", .array(properties.map { .string($0.0) })),
            ("additionalProperties", .bool(false)),
        ])
    }
}
