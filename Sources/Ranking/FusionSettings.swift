/// How BM25 and embedding similarity are combined.
public struct FusionSettings: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        /// Per query, each signal is weighted by how decisive its own score distribution is.
        case adaptive
        /// Reciprocal rank fusion: sum of 1 / (rrfK + rank).
        case reciprocalRank
        /// Fixed weights: (1 - semanticWeight) * bm25 / max bm25 + semanticWeight * cosine.
        case weighted
    }

    public var method: Method
    /// The k of reciprocal rank fusion.
    public var rrfK: Float
    /// Weight of the cosine in `weighted`.
    public var semanticWeight: Float
    /// Best documents taken from each signal before fusing.
    public var candidates: Int

    public init(method: Method = .adaptive, rrfK: Float = 60, semanticWeight: Float = 0.7, candidates: Int = 50) {
        self.method = method
        self.rrfK = rrfK
        self.semanticWeight = semanticWeight
        self.candidates = candidates
    }
}
