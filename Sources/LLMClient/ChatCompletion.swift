/// Token counts reported by the endpoint.
public struct TokenUsage: Sendable, Equatable, Decodable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try container.decodeIfPresent(Int.self, forKey: .promptTokens) ?? 0
        completionTokens = try container.decodeIfPresent(Int.self, forKey: .completionTokens) ?? 0
        totalTokens = try container.decodeIfPresent(Int.self, forKey: .totalTokens) ?? promptTokens + completionTokens
    }

    static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
        TokenUsage(promptTokens: a.promptTokens &+ b.promptTokens, completionTokens: a.completionTokens &+ b.completionTokens,
                   totalTokens: a.totalTokens &+ b.totalTokens)
    }
}

/// The answer of a chat completion (the first choice).
public struct ChatCompletion: Sendable {
    /// The assistant's text ("" when the endpoint sent none).
    public var content: String
    /// "stop", "length", ... as the endpoint reported it.
    public var finishReason: String?
    public var usage: TokenUsage?
    /// The model that answered, as reported.
    public var model: String?
    public var id: String?
    /// Attempts made (1 when the first one succeeded).
    public var attempts: Int
}

/// One piece of a streamed completion.
public struct ChatStreamChunk: Sendable {
    /// New text (may be "").
    public var content: String
    public var finishReason: String?
    /// Set on the chunk that carries usage (usually the last).
    public var usage: TokenUsage?
}

/// Embeddings for a list of inputs, in input order.
public struct Embeddings: Sendable {
    public var vectors: [[Float]]
    /// Summed over the batches.
    public var usage: TokenUsage?
    public var model: String?
}

// MARK: - Wire formats

struct ChatResponseDTO: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable {
            var content: String?
        }
        var message: Message?
        var finish_reason: String?
    }
    var id: String?
    var model: String?
    var choices: [Choice]
    var usage: TokenUsage?
}

struct ChatChunkDTO: Decodable {
    struct Choice: Decodable {
        struct Delta: Decodable {
            var content: String?
        }
        var delta: Delta?
        var finish_reason: String?
    }
    var choices: [Choice]?
    var usage: TokenUsage?
    var error: ErrorDTO?
}

struct ErrorDTO: Decodable {
    var message: String?
    var type: String?
}

struct ErrorEnvelopeDTO: Decodable {
    var error: ErrorDTO?
}

struct EmbeddingsDTO: Decodable {
    struct Item: Decodable {
        var embedding: [Float]
        var index: Int?
    }
    var data: [Item]
    var model: String?
    var usage: TokenUsage?
}
