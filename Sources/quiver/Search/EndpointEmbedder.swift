import LLMClient
import Ranking

/// Ranking's `Embedder` over an OpenAI-compatible `/v1/embeddings` endpoint (through `LLMClient`,
/// batched, with its retries). The vector length is learned from one probe request at connection.
struct EndpointEmbedder: Embedder {
    let client: LLMClient
    /// `endpoint:<model>@<base URL>`: another model or endpoint never reuses cached vectors.
    let modelID: String
    let dimensions: Int

    /// Connects to `baseURL` and embeds a probe text to learn the dimensions.
    /// - Throws: `LLMError`, or `RankingError(.embedder)` when the endpoint returns no usable vector.
    static func connect(baseURL: String, model: String, apiKey: String?) async throws -> EndpointEmbedder {
        let configuration = LLMConfiguration(baseURL: baseURL, model: model, embeddingsModel: model, apiKey: apiKey)
        let client = try LLMClient(configuration: configuration)
        let probe = try await client.embed(["dimension probe"], normalize: true)
        guard let first = probe.vectors.first, !first.isEmpty else {
            throw RankingError(.embedder, "the embeddings endpoint \(baseURL) returned no vector for model \(model)")
        }
        return EndpointEmbedder(client: client, modelID: "endpoint:\(model)@\(baseURL)", dimensions: first.count)
    }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        let result = try await client.embed(texts, normalize: true)
        guard result.vectors.count == texts.count else {
            throw RankingError(.embedder, "the embeddings endpoint returned \(result.vectors.count) vectors for \(texts.count) texts")
        }
        if let bad = result.vectors.firstIndex(where: { $0.count != dimensions }) {
            throw RankingError(
                .embedder, "the embeddings endpoint returned \(result.vectors[bad].count) dimensions for text \(bad), expected \(dimensions)")
        }
        return result.vectors
    }
}
