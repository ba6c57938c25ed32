public import LLMClient
public import Orchestrator

/// The pipeline's ``ChatModel`` over an ``LLMClient`` (any OpenAI-compatible endpoint).
public struct LLMChatModel: ChatModel {
    public let client: LLMClient
    public let acceptsGrammar: Bool
    /// Read the answer as server-sent events (stream) rather than one JSON body.
    public let streaming: Bool

    /// `acceptsGrammar`: the endpoint takes llama.cpp's `grammar` field (llama.cpp's server, llama-cpp-python).
    public init(client: LLMClient, acceptsGrammar: Bool = false, streaming: Bool = false) {
        self.client = client
        self.acceptsGrammar = acceptsGrammar
        self.streaming = streaming
    }

    public var modelName: String { client.configuration.model }

    public func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        let chat = ChatRequest(
            messages: request.messages.map { ChatMessage(role: $0.role, content: $0.content) },
            temperature: request.temperature, maxTokens: request.maxTokens, stop: request.stop.isEmpty ? nil : request.stop,
            grammar: acceptsGrammar ? request.grammar : nil)
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
}
