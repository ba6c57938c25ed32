import Hummingbird
import Ranking

/// The body of `POST /v1/tools/search`: `{"query": "...", "k": 5, "mode": "auto"}`.
struct ToolSearchRequest: Decodable {
    var query: String?
    var k: Int?
    var mode: String?

    /// A validated search.
    struct Search {
        var query: String
        var k: Int
        var mode: SearchMode
    }

    /// Decodes the body; a field of the wrong type is a 400 naming the field.
    static func decode(_ request: Request, context: QuiverRequestContext) async throws -> ToolSearchRequest {
        do {
            return try await request.decodeJSON(as: ToolSearchRequest.self, context: context)
        } catch let error as APIError where error.type == "invalid_request" {
            guard case .string(let path) = error.details["path"], path.hasPrefix("$.") else { throw error }
            let field = String(path.dropFirst(2).prefix { $0 != "." && $0 != "[" })
            var details = error.details
            details["field"] = .string(field)
            throw APIError(type: error.type, status: error.status, message: error.message, details: details)
        }
    }

    /// Checks every field against the index's limits; each problem is a 400 naming its field.
    func validated(index: ToolIndex, defaultK: Int) throws(APIError) -> Search {
        guard let query else { throw APIError.invalidField("query", "query is required") }
        guard query.contains(where: { !$0.isWhitespace }) else {
            throw APIError.invalidField("query", "query must contain at least one non-space character")
        }
        let bytes = query.utf8.count
        let maximumBytes = index.settings.maximumQueryBytes
        guard bytes <= maximumBytes else {
            throw APIError.invalidField("query", "query is \(bytes) bytes, over the limit of \(maximumBytes) bytes (maximumQueryBytes)")
        }
        let maximumK = index.settings.maximumK
        let k = self.k ?? min(defaultK, maximumK)
        guard k >= 1, k <= maximumK else {
            throw APIError.invalidField("k", "k must be from 1 to \(maximumK) (ranking.k_max), got \(k)")
        }
        var mode = SearchMode.auto
        if let text = self.mode {
            guard let parsed = SearchMode(rawValue: text) else {
                let allowed = SearchMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalidField("mode", "mode must be one of \(allowed), got '\(text.prefix(40))'")
            }
            mode = parsed
        }
        if mode == .semantic, index.embeddings == nil {
            throw APIError.invalidField(
                "mode", "mode semantic needs embeddings, and this server ranks with BM25 alone (see GET /ready for why)")
        }
        return Search(query: query, k: k, mode: mode)
    }
}
