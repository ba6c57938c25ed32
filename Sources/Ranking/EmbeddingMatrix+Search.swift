extension EmbeddingMatrix {
    /// Exact cosine of every row with the unit-length `query` (cblas_sgemv over the Float32 matrix).
    public func exactScores(_ query: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: rows)
        guard query.count == dimensions else { return out }
        query.withUnsafeBufferPointer { q in
            out.withUnsafeMutableBufferPointer { o in
                guard let qb = q.baseAddress, let ob = o.baseAddress else { return }
                Kernels.gemv(matrix: storage.pointer, rows: rows, columns: dimensions, vector: qb, out: ob)
            }
        }
        return out
    }

    /// Exact cosines for a batch of queries (cblas_sgemm): result[q][r].
    public func exactScores(batch queries: [[Float]]) -> [[Float]] {
        let valid = queries.allSatisfy { $0.count == dimensions }
        guard valid, !queries.isEmpty, rows > 0 else { return queries.map { _ in [Float](repeating: 0, count: rows) } }
        let flat = queries.flatMap { $0 }
        var out = [Float](repeating: 0, count: rows * queries.count)
        flat.withUnsafeBufferPointer { q in
            out.withUnsafeMutableBufferPointer { o in
                guard let qb = q.baseAddress, let ob = o.baseAddress else { return }
                Kernels.gemm(matrix: storage.pointer, rows: rows, columns: dimensions, queries: qb, count: queries.count, out: ob)
            }
        }
        return (0..<queries.count).map { qi in (0..<rows).map { out[$0 * queries.count + qi] } }
    }

    /// Exact cosine of row `r` with `query`.
    public func exactScore(row r: Int, _ query: [Float]) -> Float {
        guard r >= 0, r < rows, query.count == dimensions else { return 0 }
        return query.withUnsafeBufferPointer { q in
            guard let qb = q.baseAddress else { return 0 }
            return Kernels.dot(storage.pointer + r * dimensions, qb, count: dimensions)
        }
    }

    /// Approximate cosines of every row from the int8 copy (exact ones when there is no int8 copy).
    public func approximateScores(_ query: [Float]) -> [Float] {
        guard let quantized, query.count == dimensions else { return exactScores(query) }
        var maxAbs: Float = 0
        for x in query { maxAbs = max(maxAbs, abs(x)) }
        let qScale = maxAbs > 0 ? maxAbs / 127 : 1
        var q8 = [Int8](repeating: 0, count: quantized.stride)
        for j in 0..<dimensions { q8[j] = Int8(max(-127, min(127, (query[j] / qScale).rounded()))) }
        var out = [Float](repeating: 0, count: rows)
        q8.withUnsafeBufferPointer { qp in
            quantized.scales.withUnsafeBufferPointer { sp in
                quantized.rowSums.withUnsafeBufferPointer { rp in
                    out.withUnsafeMutableBufferPointer { op in
                        guard let q = qp.baseAddress, let s = sp.baseAddress, let r = rp.baseAddress, let o = op.baseAddress,
                            let bytes = quantized.bytes.baseAddress
                        else { return }
                        Kernels.int8Scores(rows: bytes, rowSums: r, scales: s, count: rows, stride: quantized.stride, query: q, out: o)
                    }
                }
            }
        }
        for i in 0..<rows { out[i] *= qScale }
        return out
    }

    /// Whether an int8 copy exists.
    public var isQuantized: Bool { quantized != nil }

    /// The `k` most similar rows, best first, with exact cosines. With the int8 copy: first pass
    /// over int8, then the best `max(k, rescore)` candidates rescored exactly.
    public func search(_ query: [Float], k: Int, rescore: Int = 64) -> [(index: Int, score: Float)] {
        guard isQuantized else {
            let scores = exactScores(query)
            var top = TopK(k: k)
            for i in 0..<rows { top.insert(index: i, score: scores[i]) }
            return top.sortedResults()
        }
        let approx = approximateScores(query)
        var candidates = TopK(k: max(k, rescore))
        approx.withUnsafeBufferPointer { candidates.insert(scores: $0) }
        var top = TopK(k: k)
        for c in candidates.sortedResults() { top.insert(index: c.index, score: exactScore(row: c.index, query)) }
        return top.sortedResults()
    }
}
