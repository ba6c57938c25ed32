#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An Okapi BM25 index over the fields of ``RankingDocument``s.
///
/// Built once, immutable. Every posting stores its precomputed contribution (the term's IDF times
/// the saturated, length-normalised frequency), so a query only walks the postings of its own
/// terms and adds numbers: no document is scanned that shares no term with the query.
public struct BM25Index: Sendable {
    public let settings: BM25Settings
    public let tokenizer: Tokenizer
    /// Number of documents.
    public let count: Int
    /// Term to term id.
    let termIDs: TermTable
    /// Document frequency per term id.
    let documentFrequency: [Int32]
    /// Postings of term t are `postingDocs[postingStart[t] ..< postingStart[t + 1]]`.
    let postingStart: [Int32]
    let postingDocs: [Int32]
    let postingImpacts: [Float]
    /// Average field length per field (name, description, parameters, tags).
    public let averageFieldLengths: [Float]

    static let fieldCount = 4

    /// An index from stored parts (see `BM25Index+File.swift`); the caller has validated them.
    init(
        settings: BM25Settings, tokenizer: Tokenizer, count: Int, termIDs: TermTable, documentFrequency: [Int32],
        postingStart: [Int32], postingDocs: [Int32], postingImpacts: [Float], averageFieldLengths: [Float]
    ) {
        self.settings = settings
        self.tokenizer = tokenizer
        self.count = count
        self.termIDs = termIDs
        self.documentFrequency = documentFrequency
        self.postingStart = postingStart
        self.postingDocs = postingDocs
        self.postingImpacts = postingImpacts
        self.averageFieldLengths = averageFieldLengths
    }

    /// Interns the terms of the four fields of `doc` (name, description, parameters, tags), calling
    /// `body(term id, field)` for each occurrence.
    static func forEachTerm(of doc: RankingDocument, tokenizer: Tokenizer, terms: inout TermTable, _ body: (Int32, Int) -> Void) {
        tokenizer.forEachToken(doc.name) { body(terms.intern($0), 0) }
        tokenizer.forEachToken(doc.description) { body(terms.intern($0), 1) }
        for p in doc.parameters {
            tokenizer.forEachToken(p.name) { body(terms.intern($0), 2) }
            tokenizer.forEachToken(p.description) { body(terms.intern($0), 2) }
        }
        for t in doc.tags { tokenizer.forEachToken(t) { body(terms.intern($0), 3) } }
    }

    public init(documents: [RankingDocument], settings: BM25Settings = BM25Settings(), tokenizer: Tokenizer = Tokenizer()) {
        self.settings = settings
        self.tokenizer = tokenizer
        self.count = documents.count
        var termIDs = TermTable(capacity: 4096)
        // Per document, its (term, field) occurrences packed as term << 2 | field, sorted: runs
        // of equal keys are the per-field frequencies. Flat arrays, no per-document dictionaries.
        var keys: [UInt64] = []
        var docStart: [Int] = [0]
        var lengths: [Float] = []
        lengths.reserveCapacity(documents.count * Self.fieldCount)
        var totals = [Double](repeating: 0, count: Self.fieldCount)
        var scratch: [UInt64] = []
        var fieldLength = [Float](repeating: 0, count: Self.fieldCount)
        for doc in documents {
            scratch.removeAll(keepingCapacity: true)
            for f in 0..<Self.fieldCount { fieldLength[f] = 0 }
            Self.forEachTerm(of: doc, tokenizer: tokenizer, terms: &termIDs) { id, f in
                scratch.append(UInt64(UInt32(bitPattern: id)) << 2 | UInt64(f))
                fieldLength[f] += 1
            }
            for f in 0..<Self.fieldCount {
                totals[f] += Double(fieldLength[f])
                lengths.append(fieldLength[f])
            }
            scratch.sort()
            keys += scratch
            docStart.append(keys.count)
        }
        let n = max(documents.count, 1)
        let averages = totals.map { max(Float($0 / Double(n)), 1e-6) }
        self.averageFieldLengths = averages
        self.termIDs = termIDs

        // Document frequencies: count each term once per document.
        var df = [Int32](repeating: 0, count: termIDs.count)
        for d in 0..<documents.count {
            var last = -1
            for p in docStart[d]..<docStart[d + 1] {
                let t = Int(keys[p] >> 2)
                if t != last { df[t] += 1; last = t }
            }
        }
        self.documentFrequency = df
        var start = [Int32](repeating: 0, count: termIDs.count + 1)
        for t in 0..<df.count { start[t + 1] = start[t] + df[t] }
        self.postingStart = start
        var docs = [Int32](repeating: 0, count: Int(start[df.count]))
        var impacts = [Float](repeating: 0, count: docs.count)
        var fill = Array(start.dropLast())
        let idf = df.map { Self.idf(documentFrequency: Int($0), count: documents.count) }
        let weights = settings.weights
        var norms = [Float](repeating: 1, count: Self.fieldCount)
        var tf = [Float](repeating: 0, count: Self.fieldCount)
        for d in 0..<documents.count {
            for f in 0..<Self.fieldCount {
                norms[f] = 1 - settings.b + settings.b * lengths[d * Self.fieldCount + f] / averages[f]
            }
            var p = docStart[d]
            let end = docStart[d + 1]
            while p < end {
                let t = Int(keys[p] >> 2)
                for f in 0..<Self.fieldCount { tf[f] = 0 }
                while p < end, Int(keys[p] >> 2) == t {
                    tf[Int(keys[p] & 3)] += 1
                    p += 1
                }
                let slot = Int(fill[t])
                fill[t] += 1
                docs[slot] = Int32(truncatingIfNeeded: d)
                impacts[slot] = idf[t] * Self.saturate(tf: tf, norms: norms, weights: weights, settings: settings)
            }
        }
        self.postingDocs = docs
        self.postingImpacts = impacts
    }

    /// Lucene's non-negative IDF: ln(1 + (N - df + 0.5) / (df + 0.5)).
    static func idf(documentFrequency df: Int, count n: Int) -> Float {
        Float(log1p((Double(n - df) + 0.5) / (Double(df) + 0.5)))
    }

    static func saturate(tf: [Float], norms: [Float], weights: [Float], settings: BM25Settings) -> Float {
        let k1 = settings.k1
        switch settings.combination {
        case .bm25f:
            var pseudo: Float = 0
            for f in 0..<fieldCount where tf[f] > 0 { pseudo += weights[f] * tf[f] / norms[f] }
            return pseudo * (k1 + 1) / (pseudo + k1)
        case .perField:
            var sum: Float = 0
            for f in 0..<fieldCount where tf[f] > 0 { sum += weights[f] * tf[f] * (k1 + 1) / (tf[f] + k1 * norms[f]) }
            return sum
        }
    }

    /// Number of distinct terms.
    public var vocabularySize: Int { termIDs.count }
}
