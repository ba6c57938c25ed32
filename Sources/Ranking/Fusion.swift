/// Combines BM25 and cosine scores of the same candidates into one score per candidate.
enum Fusion {
    /// The two signals for a set of candidates, plus what the adaptive fusion needs to judge them.
    struct Input {
        /// Raw scores of the candidates.
        var bm25: [Float]
        var cosine: [Float]
        /// The best `depth` scores of each signal over the catalog, best first (BM25 padded with
        /// zeros for tools that matched no query word).
        var bm25Top: [Float]
        var cosineTop: [Float]
        var bm25Maximum: Float
        /// ``BM25Index/Scores/knownShare``.
        var knownShare: Float
    }

    static func fuse(_ input: Input, settings: FusionSettings) -> [Float] {
        let bm25 = input.bm25
        let cosine = input.cosine
        switch settings.method {
        case .reciprocalRank:
            let rb = ranks(bm25)
            let rc = ranks(cosine)
            return bm25.indices.map { i in
                (bm25[i] > 0 ? 1 / (settings.rrfK + Float(rb[i])) : 0) + 1 / (settings.rrfK + Float(rc[i]))
            }
        case .weighted:
            let w = settings.semanticWeight
            let m = input.bm25Maximum
            return bm25.indices.map { i in (1 - w) * (m > 0 ? bm25[i] / m : 0) + w * cosine[i] }
        case .adaptive:
            return adaptive(input)
        }
    }

    /// 1-based rank of each score (higher score, better rank; ties by position).
    static func ranks(_ scores: [Float]) -> [Int] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var rank = [Int](repeating: 0, count: scores.count)
        for (r, i) in order.enumerated() { rank[i] = r + 1 }
        return rank
    }

    /// Mean and standard deviation of `top` (the head of one signal's distribution).
    static func moments(_ top: [Float]) -> (mean: Float, std: Float) {
        guard !top.isEmpty else { return (0, 0) }
        let mean = top.reduce(0, +) / Float(top.count)
        let variance = top.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(top.count)
        return (mean, variance.squareRoot())
    }

    /// Per-query adaptive fusion.
    ///
    /// Each signal is standardised against the head of its own distribution (z = (s - mean) / std
    /// over its best `depth` scores), which puts BM25's unbounded scores and cosines on one scale.
    /// Each is then weighted by how much it can be trusted for this query:
    /// - decisiveness: the z of its own best tool (a top that stands far above the rest is a signal
    ///   that knows the answer; a flat head is one that is guessing);
    /// - for BM25, coverage: the known share of the query's words (a paraphrased request whose words
    ///   no tool uses leaves BM25 matching on leftovers); the embedding gets the complement.
    /// fused = (wB zB + wC zC) / (wB + wC), wB = known * max(zB1, 0), wC = (1 - known) * max(zC1, 0).
    static func adaptive(_ input: Input) -> [Float] {
        let (mb, sb) = moments(input.bm25Top)
        let (mc, sc) = moments(input.cosineTop)
        let zb: (Float) -> Float = { sb > 0 ? ($0 - mb) / sb : 0 }
        let zc: (Float) -> Float = { sc > 0 ? ($0 - mc) / sc : 0 }
        let known = max(0, min(1, input.knownShare))
        var wb = known * max(zb(input.bm25Top.first ?? 0), 0)
        var wc = (1 - known) * max(zc(input.cosineTop.first ?? 0), 0)
        if wb + wc <= 0 {
            wb = known
            wc = 1 - known
        }
        let total = max(wb + wc, .leastNormalMagnitude)
        return input.bm25.indices.map { i in (wb * zb(input.bm25[i]) + wc * zc(input.cosine[i])) / total }
    }
}
