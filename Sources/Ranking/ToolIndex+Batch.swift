extension ToolIndex {
    /// Semantic top-k for many query vectors at once: one cblas_sgemm over the Float32 matrix
    /// instead of one sgemv per query (for offline evaluation and bulk re-ranking).
    public func semanticSearch(batch queryVectors: [[Float]], k: Int) throws(RankingError) -> [[ScoredResult]] {
        guard let embeddings else {
            throw RankingError(.noEmbedder, "semantic search needs embeddings; this index was built without an embedder")
        }
        guard k >= 1, k <= settings.maximumK else {
            throw RankingError(.limitExceeded, "k is \(k); it must be between 1 and maximumK (\(settings.maximumK))")
        }
        for (i, v) in queryVectors.enumerated() where v.count != embeddings.dimensions {
            throw RankingError(.badVector, "query vector \(i) has \(v.count) dimensions, expected \(embeddings.dimensions)")
        }
        return embeddings.exactScores(batch: queryVectors).map { scores in
            var top = TopK(k: k)
            for (i, s) in scores.enumerated() where s >= settings.minimumCosine { top.insert(index: i, score: s) }
            return top.sortedResults().map { ScoredResult(name: documents[$0.index].name, score: $0.score, bm25: 0, semantic: $0.score) }
        }
    }
}
