/// One message of a chat with the planning model.
public struct ChatTurn: Sendable, Equatable {
    public var role: String
    public var content: String
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
    public static func system(_ text: String) -> ChatTurn { ChatTurn(role: "system", content: text) }
    public static func user(_ text: String) -> ChatTurn { ChatTurn(role: "user", content: text) }
    public static func assistant(_ text: String) -> ChatTurn { ChatTurn(role: "assistant", content: text) }
}

/// What the pipeline asks of the model: one completion.
public struct ChatModelRequest: Sendable {
    /// `plan`, `repair` or `answer`.
    public var purpose: String
    public var messages: [ChatTurn]
    public var maxTokens: Int
    public var temperature: Double
    public var stop: [String]
    /// A GBNF grammar (llama.cpp's `grammar` field); nil for none.
    public var grammar: String?
    /// A JSON schema (JSON text) the answer must follow (`response_format`); nil for none.
    public var jsonSchema: String?

    public init(
        purpose: String, messages: [ChatTurn], maxTokens: Int, temperature: Double, stop: [String] = [], grammar: String? = nil,
        jsonSchema: String? = nil
    ) {
        self.purpose = purpose
        self.messages = messages
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.stop = stop
        self.grammar = grammar
        self.jsonSchema = jsonSchema
    }
}

/// The model's answer with its token counts.
public struct ChatModelReply: Sendable {
    public var content: String
    public var promptTokens: Int
    public var completionTokens: Int
    /// HTTP attempts made (retries included).
    public var attempts: Int

    public init(content: String, promptTokens: Int = 0, completionTokens: Int = 0, attempts: Int = 1) {
        self.content = content
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.attempts = attempts
    }
}

/// The LLM the pipeline plans with. The executable plugs in an adapter over `LLMClient`; tests use fakes.
///
/// Implementation requirements: honour Task cancellation; throw any error for a failed call (its
/// description is reported, so never include prompts or keys in it).
public protocol ChatModel: Sendable {
    /// The model name reported in events and analytics.
    var modelName: String { get }
    /// Whether the endpoint accepts a GBNF `grammar` field (llama.cpp-style servers).
    var acceptsGrammar: Bool { get }
    /// Whether the endpoint accepts a JSON schema as `response_format` (OpenAI, vLLM, llama.cpp). Default false.
    var acceptsJSONSchema: Bool { get }
    func complete(_ request: ChatModelRequest) async throws -> ChatModelReply
    /// One completion whose text is passed to `onDelta` piece by piece as it arrives (server-sent events),
    /// then returned whole. The default calls ``complete(_:)`` and passes the whole text once.
    func stream(_ request: ChatModelRequest, onDelta: @escaping @Sendable (String) -> Void) async throws -> ChatModelReply
}

extension ChatModel {
    public var acceptsJSONSchema: Bool { false }

    public func stream(_ request: ChatModelRequest, onDelta: @escaping @Sendable (String) -> Void) async throws -> ChatModelReply {
        let reply = try await complete(request)
        if !reply.content.isEmpty { onDelta(reply.content) }
        return reply
    }
}
