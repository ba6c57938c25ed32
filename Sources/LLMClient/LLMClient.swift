public import CurlHTTP

/// A client for an OpenAI-compatible endpoint (OpenAI, Azure OpenAI, llama.cpp's server, vLLM, ...):
/// chat completions, streamed chat completions, embeddings. Retries per ``LLMConfiguration/retry``.
///
/// ```swift
/// let llm = try LLMClient(configuration: LLMConfiguration(baseURL: "http://127.0.0.1:8080/v1", model: "qwen"))
/// let answer = try await llm.complete(ChatRequest(messages: [.user("Say hi")], maxTokens: 16))
/// print(answer.content, answer.usage?.totalTokens ?? 0)
/// ```
public final class LLMClient: Sendable {
    public let configuration: LLMConfiguration
    let http: CurlClient
    let keys: APIKeySource

    /// Uses `http` for every request (share one ``CurlClient`` per endpoint so connections are reused).
    public init(configuration: LLMConfiguration, http: CurlClient) {
        self.configuration = configuration
        self.http = http
        keys = APIKeySource(key: configuration.apiKey, file: configuration.apiKeyFile)
    }

    /// Creates its own ``CurlClient``.
    public convenience init(configuration: LLMConfiguration) throws {
        let http: CurlClient
        do {
            http = try CurlClient()
        } catch {
            throw LLMError(.configuration, "cannot create the HTTP client: \(error)")
        }
        self.init(configuration: configuration, http: http)
    }

    /// One chat completion (first choice), retried on 429, 5xx, timeouts and connection failures.
    /// - Throws: ``LLMError``.
    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        let body = request.body(model: configuration.model, stream: false).serializedBytes
        let (response, attempts) = try await retrying { try await self.post("/chat/completions", body: body) }
        let dto = try LLMClient.decode(response.body, what: "chat completion") { (json) throws(JSONField.ShapeError) in try ChatResponseDTO(json: json) }
        guard let choice = dto.choices.first else {
            throw LLMError(.invalidResponse, "chat completion has no choices", status: response.status, attempts: attempts)
        }
        return ChatCompletion(content: choice.content ?? "", finishReason: choice.finishReason, usage: dto.usage,
                              model: dto.model, id: dto.id, attempts: attempts)
    }

    /// A streamed chat completion (server-sent events). Connecting is retried like ``complete(_:)``; once
    /// the stream has started, failures are thrown from the stream (``LLMError/Code/truncatedStream`` when it
    /// ends before `[DONE]` or a finish reason).
    /// - Throws: ``LLMError``.
    public func stream(_ request: ChatRequest) async throws -> ChatCompletionStream {
        let body = request.body(model: configuration.model, stream: true).serializedBytes
        let (response, _) = try await retrying { () async throws -> CurlStreamingResponse in
            let curlRequest = try self.makeRequest("/chat/completions", body: body, streaming: true)
            let response: CurlStreamingResponse
            do {
                response = try await self.http.stream(curlRequest)
            } catch let error as CurlError {
                throw LLMClient.map(error)
            }
            if !(200..<300).contains(response.status) {
                let errorBody: [UInt8]
                do {
                    errorBody = try await response.body.collect()
                } catch let error as CurlError {
                    throw LLMClient.map(error)
                }
                try LLMClient.check(status: response.status, headers: response.headers, body: errorBody)
            }
            return response
        }
        return ChatCompletionStream(body: response.body, maxEventBytes: configuration.maxResponseBytes)
    }

    /// Embeddings of `inputs`, in order, sent in batches of ``LLMConfiguration/embeddingsBatchSize``;
    /// `normalize` scales each vector to unit length (as Ranking's `Embedder` promises; zero vectors stay zero).
    /// - Throws: ``LLMError``; ``LLMError/Code/invalidResponse`` when a batch's count or dimensions do not match.
    public func embed(_ inputs: [String], normalize: Bool = false) async throws -> Embeddings {
        let model = configuration.embeddingsModel ?? configuration.model
        let size = max(1, configuration.embeddingsBatchSize)
        var vectors: [[Float]] = []
        vectors.reserveCapacity(inputs.count)
        var usage: TokenUsage?
        var reportedModel: String?
        var start = 0
        while start < inputs.count {
            let batch = Array(inputs[start..<min(start + size, inputs.count)])
            let body = JSONValue.object([
                ("model", .string(model)), ("input", .array(batch.map { .string($0) })), ("encoding_format", .string("float")),
            ]).serializedBytes
            let (response, _) = try await retrying { try await self.post("/embeddings", body: body) }
            let dto = try LLMClient.decode(response.body, what: "embeddings") { (json) throws(JSONField.ShapeError) in try EmbeddingsDTO(json: json) }
            vectors += try LLMClient.ordered(dto.data, expected: batch.count, offset: start)
            if let batchUsage = dto.usage { usage = usage.map { $0 + batchUsage } ?? batchUsage }
            reportedModel = dto.model ?? reportedModel
            start += batch.count
        }
        if let dimension = vectors.first?.count, let bad = vectors.firstIndex(where: { $0.count != dimension }) {
            throw LLMError(.invalidResponse, "embedding \(bad) has \(vectors[bad].count) dimensions, embedding 0 has \(dimension)")
        }
        if normalize { vectors = vectors.map(LLMClient.unitLength) }
        return Embeddings(vectors: vectors, usage: usage, model: reportedModel)
    }

    static func unitLength(_ vector: [Float]) -> [Float] {
        var sum: Double = 0
        for value in vector { sum += Double(value) * Double(value) }
        guard sum > 0, sum.isFinite else { return vector }
        let scale = Float(1 / sum.squareRoot())
        return vector.map { $0 * scale }
    }

    static func ordered(_ items: [EmbeddingsDTO.Item], expected: Int, offset: Int) throws(LLMError) -> [[Float]] {
        guard items.count == expected else {
            throw LLMError(.invalidResponse, "embeddings batch at input \(offset): asked for \(expected) vectors, got \(items.count)")
        }
        var result = [[Float]?](repeating: nil, count: expected)
        for (position, item) in items.enumerated() {
            let index = item.index ?? position
            guard (0..<expected).contains(index), result[index] == nil else {
                throw LLMError(.invalidResponse, "embeddings batch at input \(offset): bad or repeated index \(index)")
            }
            result[index] = item.embedding
        }
        return result.compactMap { $0 }
    }
}
