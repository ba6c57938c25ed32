extension ToolIndex {
    /// Ranks the catalog for `query`. Semantic and hybrid modes embed the query with the index's
    /// embedder; without one, `auto` and `hybrid` fall back to BM25 (the response says so) and
    /// `semantic` throws `.noEmbedder`.
    public func search(query: String, k: Int, mode: SearchMode = .auto) async throws -> SearchResponse {
        try checkLimits(query: query, k: k)
        let resolved = resolve(mode)
        guard resolved != .bm25, let embedder, let embeddings else {
            return try search(query: query, queryVector: nil, k: k, mode: resolved)
        }
        let vectors: [[Float]]
        do {
            vectors = try await embedder.embed([query])
        } catch {
            throw RankingError(.embedder, "embedder \(embedder.modelID) failed on the query: \(error)")
        }
        guard let first = vectors.first else { throw RankingError(.embedder, "embedder \(embedder.modelID) returned no vector") }
        let unit = try EmbeddingMatrix.normalised(first, dimensions: embeddings.dimensions, what: "query embedding")
        return try search(query: query, queryVector: unit, k: k, mode: resolved)
    }

    func resolve(_ mode: SearchMode) -> SearchMode {
        switch mode {
        case .auto, .hybrid: embeddings == nil ? .bm25 : .hybrid
        case .bm25, .semantic: mode
        }
    }

    func checkLimits(query: String, k: Int) throws(RankingError) {
        guard k >= 1, k <= settings.maximumK else {
            throw RankingError(.limitExceeded, "k is \(k); it must be between 1 and maximumK (\(settings.maximumK))")
        }
        let bytes = query.utf8.count
        guard bytes <= settings.maximumQueryBytes else {
            throw RankingError(.limitExceeded, "query is \(bytes) bytes, over maximumQueryBytes (\(settings.maximumQueryBytes))")
        }
    }

    /// Whether the small-catalog rule returns the whole catalog.
    var returnsWholeCatalog: Bool {
        switch settings.smallCatalog {
        case .always: true
        case .never: false
        case .auto: documents.count <= settings.smallCatalogLimit
        }
    }

    /// Ranks with a query vector computed elsewhere (unit length, or nil for BM25 alone).
    public func search(query: String, queryVector: [Float]?, k: Int, mode: SearchMode = .auto) throws(RankingError) -> SearchResponse {
        try checkLimits(query: query, k: k)
        var resolved = resolve(mode)
        if resolved == .semantic, embeddings == nil {
            throw RankingError(.noEmbedder, "semantic search needs embeddings; this index was built without an embedder")
        }
        if let embeddings, let queryVector, queryVector.count != embeddings.dimensions {
            throw RankingError(.badVector, "query vector has \(queryVector.count) dimensions, expected \(embeddings.dimensions)")
        }
        if let queryVector, !queryVector.allSatisfy(\.isFinite) {
            throw RankingError(.badVector, "query vector holds a non-finite value")
        }
        if queryVector == nil, resolved != .bm25 {
            guard resolved == .hybrid else { throw RankingError(.noEmbedder, "semantic search needs a query vector") }
            resolved = .bm25
        }
        let whole = returnsWholeCatalog
        let lexical = bm25.scores(query)
        var scored: [(index: Int, score: Float, cosine: Float?)] = []
        switch resolved {
        case .bm25, .auto:
            if whole {
                scored = (0..<documents.count).map { ($0, lexical.values[$0], nil) }
            } else {
                // Scores are sorted, so the threshold cuts a suffix.
                scored = lexical.top(k).filter { $0.score >= settings.minimumBM25 }.map { ($0.index, $0.score, nil) }
            }
        case .semantic:
            guard let embeddings, let queryVector else { break }
            let hits = whole ? embeddings.search(queryVector, k: documents.count) : embeddings.search(queryVector, k: k, rescore: settings.rescoreCount)
            scored = hits.map { ($0.index, $0.score, $0.score) }
            if !whole { scored.removeAll { ($0.cosine ?? 0) < settings.minimumCosine } }
        case .hybrid:
            guard let embeddings, let queryVector else { break }
            scored = hybrid(lexical: lexical, embeddings: embeddings, queryVector: queryVector, whole: whole)
        }
        // Top k over positions in `scored`, then only the winners are looked up.
        var top = TopK(k: whole ? documents.count : k)
        for (position, s) in scored.enumerated() { top.insert(index: position, score: s.score) }
        let results = top.sortedResults().map { r in
            let s = scored[r.index]
            return ScoredResult(name: documents[s.index].name, score: s.score, bm25: lexical.values[s.index], semantic: s.cosine)
        }
        return SearchResponse(results: results, mode: resolved, wholeCatalog: whole)
    }

    /// Candidates from both signals, exact cosines for them, fused scores, threshold applied.
    func hybrid(lexical: BM25Index.Scores, embeddings: EmbeddingMatrix, queryVector: [Float], whole: Bool) -> [(index: Int, score: Float, cosine: Float?)] {
        let depth = max(1, min(settings.fusion.candidates, documents.count))
        let lexicalBest = lexical.top(depth)
        var candidates: [Int]
        if whole {
            candidates = Array(0..<documents.count)
        } else {
            let approx = embeddings.approximateScores(queryVector)
            var semTop = TopK(k: max(depth, settings.rescoreCount))
            approx.withUnsafeBufferPointer { semTop.insert(scores: $0) }
            var seen = Set<Int>()
            candidates = []
            for r in lexicalBest + semTop.sortedResults() where seen.insert(r.index).inserted { candidates.append(r.index) }
        }
        let cosines = candidates.map { embeddings.exactScore(row: $0, queryVector) }
        let lexicalScores = candidates.map { lexical.values[$0] }
        var bm25Top = lexicalBest.map(\.score)
        bm25Top += [Float](repeating: 0, count: max(0, depth - bm25Top.count))
        let cosineTop = Array(cosines.sorted(by: >).prefix(depth))
        let input = Fusion.Input(
            bm25: lexicalScores, cosine: cosines, bm25Top: bm25Top, cosineTop: cosineTop, bm25Maximum: lexical.maximum,
            knownShare: lexical.knownShare)
        let fused = Fusion.fuse(input, settings: settings.fusion)
        var out: [(index: Int, score: Float, cosine: Float?)] = []
        out.reserveCapacity(candidates.count)
        for (i, d) in candidates.enumerated() {
            if !whole, lexicalScores[i] < settings.minimumBM25, cosines[i] < settings.minimumCosine { continue }
            out.append((d, fused[i], cosines[i]))
        }
        return out
    }
}
