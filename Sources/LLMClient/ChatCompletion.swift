/// Token counts reported by the endpoint.
public struct TokenUsage: Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
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

// MARK: - Wire formats (read from a JSONValue tree: see JSONValue+Reading.swift)

extension TokenUsage {
    /// `{"prompt_tokens", "completion_tokens", "total_tokens"}`; absent counts are 0, an absent total is the sum.
    init(json: JSONField) throws(JSONField.ShapeError) {
        let prompt = try json.optionalInt("prompt_tokens") ?? 0
        let completion = try json.optionalInt("completion_tokens") ?? 0
        self.init(promptTokens: prompt, completionTokens: completion, totalTokens: try json.optionalInt("total_tokens") ?? prompt &+ completion)
    }

    static func optional(_ key: String, in json: JSONField) throws(JSONField.ShapeError) -> TokenUsage? {
        guard let usage = try json.optionalObject(key) else { return nil }
        return try TokenUsage(json: usage)
    }
}

/// The first part of a choice: its text (under `message` in an answer, `delta` in a stream chunk) and
/// finish reason.
struct ChoiceDTO {
    var content: String?
    var finishReason: String?

    /// `textIn`: the member that holds `content`, `message` or `delta`.
    init(json: JSONField, textIn: String) throws(JSONField.ShapeError) {
        content = try json.optionalObject(textIn)?.optionalString("content")
        finishReason = try json.optionalString("finish_reason")
    }

    static func list(_ json: JSONField, textIn: String) throws(JSONField.ShapeError) -> [ChoiceDTO] {
        var choices: [ChoiceDTO] = []
        for choice in try json.elements() { choices.append(try ChoiceDTO(json: choice, textIn: textIn)) }
        return choices
    }
}

struct ChatResponseDTO {
    var id: String?
    var model: String?
    var choices: [ChoiceDTO]
    var usage: TokenUsage?

    init(json: JSONField) throws(JSONField.ShapeError) {
        id = try json.optionalString("id")
        model = try json.optionalString("model")
        choices = try ChoiceDTO.list(try json.required("choices"), textIn: "message")
        usage = try TokenUsage.optional("usage", in: json)
    }
}

struct ChatChunkDTO {
    var choices: [ChoiceDTO]
    var usage: TokenUsage?
    var error: ErrorDTO?

    init(json: JSONField) throws(JSONField.ShapeError) {
        if let list = json["choices"], !list.isNull {
            choices = try ChoiceDTO.list(list, textIn: "delta")
        } else {
            choices = []
        }
        usage = try TokenUsage.optional("usage", in: json)
        error = try json.optionalObject("error").map { (e) throws(JSONField.ShapeError) in try ErrorDTO(json: e) }
    }
}

struct ErrorDTO {
    var message: String?
    var type: String?

    init(json: JSONField) throws(JSONField.ShapeError) {
        message = try json.optionalString("message")
        type = try json.optionalString("type")
    }

    /// The `error` object of an error body, when the body is one.
    static func envelope(_ body: [UInt8]) -> ErrorDTO? {
        guard let tree = try? JSONValue.read(body), let error = try? JSONField(tree).optionalObject("error") else { return nil }
        return try? ErrorDTO(json: error)
    }
}

struct EmbeddingsDTO {
    struct Item {
        var embedding: [Float]
        var index: Int?
    }
    var data: [Item]
    var model: String?
    var usage: TokenUsage?

    init(json: JSONField) throws(JSONField.ShapeError) {
        data = []
        for item in try json.required("data").elements() {
            var vector: [Float] = []
            for component in try item.required("embedding").elements() {
                switch component.value {
                case .int(let number): vector.append(Float(number))
                case .double(let number):
                    // A finite double beyond Float's range becomes infinity; refuse it rather than poison the index.
                    let single = Float(number)
                    guard single.isFinite else { throw JSONField.ShapeError(path: component.path, problem: "\(number) does not fit in a Float") }
                    vector.append(single)
                default: throw JSONField.ShapeError(path: component.path, problem: "expected a number, found \(component.kind)")
                }
            }
            data.append(Item(embedding: vector, index: try item.optionalInt("index")))
        }
        model = try json.optionalString("model")
        usage = try TokenUsage.optional("usage", in: json)
    }
}
