/// Combines BM25 and cosine scores of the same candidates into one score per candidate.
enum Fusion {
    static func fuse(bm25: [Float], cosine: [Float], bm25Maximum: Float, settings: FusionSettings) -> [Float] {
        switch settings.method {
        case .reciprocalRank:
            let rb = ranks(bm25)
            let rc = ranks(cosine)
            return bm25.indices.map { i in
                (bm25[i] > 0 ? 1 / (settings.rrfK + Float(rb[i])) : 0) + 1 / (settings.rrfK + Float(rc[i]))
            }
        case .weighted:
            let w = settings.semanticWeight
            return bm25.indices.map { i in (1 - w) * (bm25Maximum > 0 ? bm25[i] / bm25Maximum : 0) + w * cosine[i] }
        case .adaptive:
            return adaptive(bm25: bm25, cosine: cosine, bm25Maximum: bm25Maximum)
        }
    }

    /// 1-based rank of each score (higher score, better rank; ties by position).
    static func ranks(_ scores: [Float]) -> [Int] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var rank = [Int](repeating: 0, count: scores.count)
        for (r, i) in order.enumerated() { rank[i] = r + 1 }
        return rank
    }

    static func adaptive(bm25: [Float], cosine: [Float], bm25Maximum: Float) -> [Float] {
        let w = FusionSettings().semanticWeight
        return bm25.indices.map { i in (1 - w) * (bm25Maximum > 0 ? bm25[i] / bm25Maximum : 0) + w * cosine[i] }
    }
}
