/// One message of a chat.
public struct ChatMessage: Sendable, Equatable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ content: String) -> ChatMessage { ChatMessage(role: "system", content: content) }
    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }
    public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: "assistant", content: content) }
}

/// The `response_format` of a chat request.
public enum ResponseFormat: Sendable, Equatable {
    case text
    /// `{"type": "json_object"}`
    case jsonObject
    /// `{"type": "json_schema", "json_schema": {"name", "schema", "strict"}}`
    case jsonSchema(name: String, schema: JSONValue, strict: Bool)
    /// `{"type": "json_object", "schema": ...}`: llama-cpp-python's form (it refuses `json_schema`).
    case jsonObjectSchema(JSONValue)

    var json: JSONValue {
        switch self {
        case .text: .object([("type", .string("text"))])
        case .jsonObject: .object([("type", .string("json_object"))])
        case .jsonSchema(let name, let schema, let strict):
            .object([("type", .string("json_schema")),
                     ("json_schema", .object([("name", .string(name)), ("schema", schema), ("strict", .bool(strict))]))])
        case .jsonObjectSchema(let schema): .object([("type", .string("json_object")), ("schema", schema)])
        }
    }
}

/// A chat-completions request.
public struct ChatRequest: Sendable {
    public var messages: [ChatMessage]
    /// Overrides ``LLMConfiguration/model``.
    public var model: String?
    public var temperature: Double?
    public var maxTokens: Int?
    public var stop: [String]?
    public var topP: Double?
    public var seed: Int?
    public var responseFormat: ResponseFormat?
    /// A GBNF grammar, sent as `grammar` (llama.cpp-style servers).
    public var grammar: String?
    /// More top-level fields, sent as given (e.g. `cache_prompt`).
    public var extraFields: [(String, JSONValue)]

    public init(messages: [ChatMessage], model: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                stop: [String]? = nil, topP: Double? = nil, seed: Int? = nil, responseFormat: ResponseFormat? = nil,
                grammar: String? = nil, extraFields: [(String, JSONValue)] = []) {
        self.messages = messages
        self.model = model
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stop = stop
        self.topP = topP
        self.seed = seed
        self.responseFormat = responseFormat
        self.grammar = grammar
        self.extraFields = extraFields
    }

    /// The JSON body for `model`, with `stream` set when streaming (usage included in the last chunk).
    func body(model defaultModel: String, stream: Bool) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("model", .string(model ?? defaultModel)),
            ("messages", .array(messages.map { .object([("role", .string($0.role)), ("content", .string($0.content))]) })),
        ]
        if let temperature { fields.append(("temperature", .double(temperature))) }
        if let maxTokens { fields.append(("max_tokens", .int(maxTokens))) }
        if let stop { fields.append(("stop", .array(stop.map { .string($0) }))) }
        if let topP { fields.append(("top_p", .double(topP))) }
        if let seed { fields.append(("seed", .int(seed))) }
        if let responseFormat { fields.append(("response_format", responseFormat.json)) }
        if let grammar { fields.append(("grammar", .string(grammar))) }
        if stream {
            fields.append(("stream", .bool(true)))
            fields.append(("stream_options", .object([("include_usage", .bool(true))])))
        }
        fields += extraFields
        return .object(fields)
    }
}
