public import LLMClient
public import Orchestrator

/// The pipeline's ``ChatModel`` over an ``LLMClient`` (any OpenAI-compatible endpoint).
public struct LLMChatModel: ChatModel {
    /// How the endpoint takes a JSON schema for the answer.
    public enum JSONSchemaStyle: String, Sendable, CaseIterable {
        /// It takes none (constraint `auto` does not pick `json_schema`; an explicit `json_schema` mode sends OpenAI's form).
        case none
        /// `response_format: {"type": "json_schema", "json_schema": {"name", "schema", "strict": true}}` (OpenAI, vLLM, gateways).
        case openai
        /// `response_format: {"type": "json_object", "schema": ...}` (llama-cpp-python's server).
        case llamaCpp = "llama_cpp"
    }

    public let client: LLMClient
    public let acceptsGrammar: Bool
    public let jsonSchemaStyle: JSONSchemaStyle
    /// Read the answer as server-sent events (stream) rather than one JSON body.
    public let streaming: Bool

    /// `acceptsGrammar`: the endpoint takes llama.cpp's `grammar` field (llama.cpp's server, llama-cpp-python).
    public init(client: LLMClient, acceptsGrammar: Bool = false, jsonSchemaStyle: JSONSchemaStyle = .none, streaming: Bool = false) {
        self.client = client
        self.acceptsGrammar = acceptsGrammar
        self.jsonSchemaStyle = jsonSchemaStyle
        self.streaming = streaming
    }

    public var modelName: String { client.configuration.model }
    public var acceptsJSONSchema: Bool { jsonSchemaStyle != .none }

    public func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        let chat = chatRequest(request)
        let completion: ChatCompletion
        if streaming {
            completion = try await client.stream(chat).collect()
        } else {
            completion = try await client.complete(chat)
        }
        return ChatModelReply(
            content: completion.content, promptTokens: completion.usage?.promptTokens ?? 0,
            completionTokens: completion.usage?.completionTokens ?? 0, attempts: completion.attempts)
    }

    /// Streams from the endpoint (server-sent events), passing each content delta on as it arrives.
    /// A stream that breaks before its end throws ``LLMError`` (`truncatedStream`); the request is ended.
    public func stream(_ request: ChatModelRequest, onDelta: @escaping @Sendable (String) -> Void) async throws -> ChatModelReply {
        var content = ""
        var usage: TokenUsage?
        for try await chunk in try await client.stream(chatRequest(request)) {
            if !chunk.content.isEmpty {
                content += chunk.content
                onDelta(chunk.content)
            }
            usage = chunk.usage ?? usage
        }
        return ChatModelReply(content: content, promptTokens: usage?.promptTokens ?? 0, completionTokens: usage?.completionTokens ?? 0)
    }

    func chatRequest(_ request: ChatModelRequest) -> ChatRequest {
        ChatRequest(
            messages: request.messages.map { ChatMessage(role: $0.role, content: $0.content) },
            temperature: request.temperature, maxTokens: request.maxTokens, stop: request.stop.isEmpty ? nil : request.stop,
            responseFormat: request.jsonSchema.map(responseFormat), grammar: acceptsGrammar ? request.grammar : nil)
    }

    func responseFormat(_ schema: String) -> ResponseFormat {
        switch jsonSchemaStyle {
        case .llamaCpp: .jsonObjectSchema(.raw(schema))
        case .openai, .none: .jsonSchema(name: "quiver_plan", schema: .raw(schema), strict: true)
        }
    }
}
