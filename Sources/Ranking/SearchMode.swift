/// Which signals a search uses.
public enum SearchMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Hybrid when the index has embeddings, otherwise BM25.
    case auto
    /// BM25 alone.
    case bm25
    /// Embedding similarity alone.
    case semantic
    /// Both, fused.
    case hybrid
}

/// One ranked tool.
public struct ScoredResult: Sendable, Hashable, Codable {
    public var name: String
    /// The fused score the results are ordered by (in `bm25` mode the BM25 score, in `semantic` the cosine).
    public var score: Float
    /// Raw BM25 score (0 when no query term occurs in the tool).
    public var bm25: Float
    /// Raw cosine similarity, nil when the search used no embeddings.
    public var semantic: Float?
}

/// The answer to a search: results best first, and the mode that actually ran.
public struct SearchResponse: Sendable, Hashable, Codable {
    public var results: [ScoredResult]
    public var mode: SearchMode
    /// True when the small-catalog rule returned the whole catalog.
    public var wholeCatalog: Bool
}
