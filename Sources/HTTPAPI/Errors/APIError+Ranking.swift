import HTTPTypes
public import Ranking

extension RankingError: APIErrorConvertible {
    /// A limit or a search the index cannot run is the client's (400); an embedder that failed is a
    /// 503 (the server's dependency); anything else is a 500.
    public var apiError: APIError {
        switch code {
        case .limitExceeded:
            return .invalidRequest(message)
        case .noEmbedder:
            return APIError(
                type: "invalid_request", status: .badRequest,
                message: "mode semantic needs embeddings, and this server ranks with BM25 alone (see GET /ready): \(message)",
                details: ["field": .string("mode"), "path": .string("$.mode")])
        case .embedder:
            return APIError(type: "embedder_unavailable", status: .serviceUnavailable, message: message)
        default:
            return .internalError
        }
    }
}
