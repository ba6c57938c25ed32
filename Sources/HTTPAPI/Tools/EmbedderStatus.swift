/// Which embedder an index was built with, and what to tell operators about it (shown in `/ready`,
/// `GET /v1/admin/catalog` and the log).
public struct EmbedderStatus: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Equatable, Encodable {
        /// The in-process sentence encoder (module `SentenceEncoder`).
        case sentenceEncoder = "sentence_encoder"
        /// An OpenAI-compatible `/v1/embeddings` endpoint.
        case endpoint
        /// No embedder: ranking uses BM25 alone.
        case none
    }

    public var kind: Kind
    /// The embedder's `modelID` (the cache key), nil without one.
    public var modelID: String?
    /// One line for humans: what is used, or why nothing is and how to fix it.
    public var note: String

    public init(kind: Kind, modelID: String? = nil, note: String) {
        self.kind = kind
        self.modelID = modelID
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case modelID = "model_id"
        case note
    }
}
