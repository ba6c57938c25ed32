/// Turns texts into L2-normalised vectors. Implemented by the in-process sentence encoder
/// (`SentenceEncoder`) and by an OpenAI-compatible embeddings endpoint client.
public protocol Embedder: Sendable {
    /// Identity of the model, used to key the embedding cache: a name plus a hash of the weights
    /// (or the endpoint's model name), so that a different model never reuses stale vectors.
    var modelID: String { get }
    /// Length of every vector this embedder returns.
    var dimensions: Int { get }
    /// Embeds `texts`, returning one L2-normalised vector of `dimensions` floats per text, in order.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
