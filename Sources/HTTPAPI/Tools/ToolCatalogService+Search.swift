public import Catalog
import Logging
public import Ranking

/// A tool chosen for a query: its definition and its scores.
public struct ToolSelection: Sendable {
    public let definition: ToolDefinition
    /// The score results are ordered by (fused in hybrid mode).
    public let score: Float
    public let bm25: Float
    /// Cosine similarity, nil when no embeddings were used.
    public let semantic: Float?
}

extension ToolCatalogService {
    /// Ranks the current catalog for `query`; the response and the snapshot it was computed on (so
    /// names can be resolved in the same catalog).
    /// - Throws: ``ToolCatalogNotLoaded`` before the first load; `RankingError` on a bad `k`, a query over
    ///   the limit, `semantic` without embeddings, or an embedder failure.
    public func search(query: String, k: Int, mode: SearchMode = .auto) async throws -> (snapshot: ToolCatalogSnapshot, response: SearchResponse) {
        let snapshot = try currentSnapshot()
        return (snapshot, try await search(snapshot: snapshot, query: query, k: k, mode: mode))
    }

    /// Ranks `snapshot`'s catalog. In `auto` mode a query the embedder fails on (an endpoint that is
    /// down) is answered with BM25 alone (the response's `mode` says `bm25`) instead of failing;
    /// explicit `hybrid` and `semantic` searches throw.
    public func search(snapshot: ToolCatalogSnapshot, query: String, k: Int, mode: SearchMode) async throws -> SearchResponse {
        do {
            return try await snapshot.ranker.search(query: query, k: k, mode: mode)
        } catch let error as RankingError where error.code == .embedder && mode == .auto {
            logger.warning("the embedder failed on a query; answered with BM25 alone", metadata: ["error": .string(error.message)])
            return try await snapshot.ranker.search(query: query, k: k, mode: .bm25)
        }
    }

    /// The top `k` tool definitions for `query`, best first (what a planner offers the model).
    public func selectTools(query: String, k: Int, mode: SearchMode = .auto) async throws -> [ToolSelection] {
        let (snapshot, response) = try await search(query: query, k: k, mode: mode)
        return response.results.compactMap { hit in
            snapshot.catalog[hit.name].map { ToolSelection(definition: $0, score: hit.score, bm25: hit.bm25, semantic: hit.semantic) }
        }
    }

    /// The tools called `names` in the current catalog, in the order given; unknown names are left out.
    public func tools(named names: [String]) -> [ToolDefinition] {
        guard let catalog = snapshot?.catalog else { return [] }
        return names.compactMap { catalog[$0] }
    }

    /// The tool called `name` in the current catalog.
    public func tool(named name: String) -> ToolDefinition? {
        snapshot?.catalog[name]
    }
}
