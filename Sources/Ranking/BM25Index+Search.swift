extension BM25Index {
    /// The scores of one query, dense over all documents (zero where no term matched).
    public struct Scores: Sendable {
        public var values: [Float]
        /// Highest score (0 when nothing matched).
        public var maximum: Float
        /// Share of the query's information (IDF mass) carried by words the catalog knows: 1 when
        /// every query word occurs in some tool, 0 when none does. See ``knownShare(_:)``.
        public var knownShare: Float
    }
}

extension BM25Index.Scores {
    /// Indices of documents that matched at least one query term.
    public var matched: [Int] {
        var out: [Int] = []
        for (i, v) in values.enumerated() where v > 0 { out.append(i) }
        return out
    }

    /// The `k` best matching documents, best first, by one pass over the dense scores.
    public func top(_ k: Int) -> [(index: Int, score: Float)] {
        var heap = TopK(k: k)
        values.withUnsafeBufferPointer { v in
            heap.insert(scores: v, positiveOnly: true)
        }
        return heap.sortedResults()
    }
}

extension BM25Index {
    /// Distinct term ids of `query` that occur in the index, and the known share of its IDF mass.
    func analyse(_ query: String) -> (terms: [Int32], knownShare: Float) {
        var out: [Int32] = []
        var seenUnknown: [UInt64] = []
        var known: Float = 0
        var total: Float = 0
        tokenizer.forEachToken(query) { bytes in
            if let id = termIDs.find(bytes) {
                guard !out.contains(id) else { return }
                out.append(id)
                let idf = Self.idf(documentFrequency: Int(documentFrequency[Int(id)]), count: count)
                known += idf
                total += idf
            } else {
                let h = Hash64.hash(UnsafeRawBufferPointer(bytes))
                guard !seenUnknown.contains(h) else { return }
                seenUnknown.append(h)
                total += Self.idf(documentFrequency: 0, count: count)
            }
        }
        return (out, total > 0 ? known / total : 0)
    }

    func queryTerms(_ query: String) -> [Int32] { analyse(query).terms }

    /// How much of the query the catalog's vocabulary can see: the IDF of the query words that
    /// occur in some tool over the IDF of all query words, an unknown word counting at the
    /// highest IDF (document frequency 0). Paraphrased requests use words no tool has, and get
    /// a low share; requests that reuse the tools' words get a share near 1.
    public func knownShare(_ query: String) -> Float { analyse(query).knownShare }

    /// BM25 scores of every document for `query`, walking only the postings of the query's terms.
    public func scores(_ query: String) -> Scores {
        var values = [Float](repeating: 0, count: count)
        var maximum: Float = 0
        let (terms, share) = analyse(query)
        values.withUnsafeMutableBufferPointer { acc in
            postingDocs.withUnsafeBufferPointer { docs in
                postingImpacts.withUnsafeBufferPointer { impacts in
                    for t in terms {
                        let lo = Int(postingStart[Int(t)])
                        let hi = Int(postingStart[Int(t) + 1])
                        for p in lo..<hi {
                            let d = Int(docs[p])
                            acc[d] += impacts[p]
                        }
                    }
                }
            }
            for v in acc where v > maximum { maximum = v }
        }
        return Scores(values: values, maximum: maximum, knownShare: share)
    }

    /// The `k` best documents for `query`, best first, as (document index, score); only documents
    /// that share a term with the query.
    public func search(_ query: String, k: Int) -> [(index: Int, score: Float)] {
        scores(query).top(k)
    }
}
