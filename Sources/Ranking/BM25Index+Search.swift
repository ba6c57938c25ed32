extension BM25Index {
    /// The scores of one query: dense over all documents (zero where no term matched) plus the
    /// list of documents that matched at least one term.
    public struct Scores: Sendable {
        public var values: [Float]
        public var matched: [Int32]
        /// Highest score (0 when nothing matched).
        public var maximum: Float
    }

    /// Distinct term ids of `query` that occur in the index.
    func queryTerms(_ query: String) -> [Int32] {
        var seen = Set<Int32>()
        var out: [Int32] = []
        for token in tokenizer.tokens(query) {
            if let id = termIDs[token], seen.insert(id).inserted { out.append(id) }
        }
        return out
    }

    /// BM25 scores of every document for `query`, walking only the postings of the query's terms.
    public func scores(_ query: String) -> Scores {
        var values = [Float](repeating: 0, count: count)
        var matched: [Int32] = []
        var maximum: Float = 0
        values.withUnsafeMutableBufferPointer { acc in
            postingDocs.withUnsafeBufferPointer { docs in
                postingImpacts.withUnsafeBufferPointer { impacts in
                    for t in queryTerms(query) {
                        let lo = Int(postingStart[Int(t)])
                        let hi = Int(postingStart[Int(t) + 1])
                        for p in lo..<hi {
                            let d = Int(docs[p])
                            if acc[d] == 0 { matched.append(docs[p]) }
                            acc[d] += impacts[p]
                        }
                    }
                }
            }
            for d in matched where acc[Int(d)] > maximum { maximum = acc[Int(d)] }
        }
        return Scores(values: values, matched: matched, maximum: maximum)
    }

    /// The `k` best documents for `query`, best first, as (document index, score); only documents
    /// that share a term with the query.
    public func search(_ query: String, k: Int) -> [(index: Int, score: Float)] {
        let s = scores(query)
        var top = TopK(k: k)
        for d in s.matched { top.insert(index: Int(d), score: s.values[Int(d)]) }
        return top.sortedResults()
    }
}
