import Testing
@testable import Ranking

#if canImport(Glibc)
import Glibc
#endif

@Suite struct BM25IndexTests {
    /// Three one-field documents; only the description field is used, weight 1, other weights 0.
    static let docs = [
        RankingDocument(name: "a", description: "apple banana apple"),
        RankingDocument(name: "b", description: "banana cherry"),
        RankingDocument(name: "c", description: "cherry cherry cherry date"),
    ]
    static let settings = BM25Settings(k1: 1.2, b: 0.75, nameWeight: 0, descriptionWeight: 1, parameterWeight: 0, tagWeight: 0)
    static let plain = Tokenizer(stopWords: [], stemming: false)

    @Test func scoresMatchHandComputedOkapi() {
        let index = BM25Index(documents: Self.docs, settings: Self.settings, tokenizer: Self.plain)
        // avgdl = (3 + 2 + 4) / 3 = 3. "apple": df 1, idf = ln(1 + 2.5/1.5) = ln(2.6667) = 0.980829.
        // doc a: tf 2, len 3, norm = 1: 0.980829 * 2 * 2.2 / (2 + 1.2) = 1.348640.
        let apple = index.scores("apple")
        #expect(abs(apple.values[0] - 1.348640) < 1e-4)
        #expect(apple.values[1] == 0 && apple.values[2] == 0)
        #expect(apple.matched == [0])
        // "cherry": df 2, idf = ln(1 + 1.5/2.5) = ln(1.6) = 0.470004.
        // doc b: tf 1, len 2, norm = 0.25 + 0.75 * 2/3 = 0.75: 0.470004 * 2.2 / (1 + 0.9) = 0.544215.
        // doc c: tf 3, len 4, norm = 0.25 + 0.75 * 4/3 = 1.25: 0.470004 * 3 * 2.2 / (3 + 1.5) = 0.689339.
        let cherry = index.scores("cherry")
        #expect(abs(cherry.values[1] - 0.544215) < 1e-4)
        #expect(abs(cherry.values[2] - 0.689339) < 1e-4)
        #expect(abs(cherry.maximum - 0.689339) < 1e-4)
        // Two terms add; a repeated query word counts once.
        let both = index.scores("banana cherry cherry")
        // "banana": df 2, idf 0.470004; doc b: tf 1, norm 0.75 -> 0.544215; total 1.088430.
        #expect(abs(both.values[1] - 1.088430) < 1e-4)
    }

    @Test func bm25fWeightsFieldsBeforeSaturation() {
        // name weight 2, description weight 1; one doc matches "mail" in both fields.
        let docs = [
            RankingDocument(name: "mail", description: "mail"),
            RankingDocument(name: "other", description: "text"),
        ]
        let s = BM25Settings(k1: 1.2, b: 0, nameWeight: 2, descriptionWeight: 1, parameterWeight: 0, tagWeight: 0)
        let index = BM25Index(documents: docs, settings: s, tokenizer: Self.plain)
        // b = 0: norms 1. pseudo tf = 2*1 + 1*1 = 3; idf = ln(1 + 1.5/1.5) = ln 2 = 0.693147.
        // score = 0.693147 * 3 * 2.2 / (3 + 1.2) = 1.089231.
        #expect(abs(index.scores("mail").values[0] - 1.089231) < 1e-4)
        var perField = s
        perField.combination = .perField
        let index2 = BM25Index(documents: docs, settings: perField, tokenizer: Self.plain)
        // per field: 2 * (1 * 2.2 / 2.2) + 1 * (1 * 2.2 / 2.2) = 3; times idf 0.693147 = 2.079442.
        #expect(abs(index2.scores("mail").values[0] - 2.079442) < 1e-4)
    }

    @Test func searchWalksOnlyMatchingPostingsAndRanks() {
        let index = BM25Index(documents: Self.docs, settings: Self.settings, tokenizer: Self.plain)
        let top = index.search("cherry date", k: 5)
        #expect(top.map(\.index) == [2, 1])
        #expect(index.search("zebra", k: 5).isEmpty)
        #expect(index.vocabularySize == 7)  // apple banana cherry date, and the names a b c
    }

    @Test func parametersAndTagsAreIndexed() {
        let docs = [
            RankingDocument(name: "x", description: "", parameters: [.init(name: "zip_code", description: "postal area")], tags: ["geo"]),
            RankingDocument(name: "y", description: "nothing"),
        ]
        let index = BM25Index(documents: docs)
        #expect(index.search("zip", k: 2).map(\.index) == [0])
        #expect(index.search("postal", k: 2).map(\.index) == [0])
        #expect(index.search("geo", k: 2).map(\.index) == [0])
    }
}

@Suite struct TopKTests {
    @Test func keepsTheBestWithoutSortingAll() {
        var top = TopK(k: 3)
        for (i, s) in [5, 1, 9, 3, 9, 7, 2].enumerated() { top.insert(index: i, score: Float(s)) }
        let r = top.sortedResults()
        #expect(r.map(\.index) == [2, 4, 5])
        #expect(r.map(\.score) == [9, 9, 7])
        #expect(top.threshold == 7)
        var none = TopK(k: 0)
        none.insert(index: 0, score: 1)
        #expect(none.sortedResults().isEmpty)
    }
}

@Suite struct TopKScanTests {
    @Test func scanMatchesOneByOneInsertion() {
        var state: UInt64 = 9
        let values: [Float] = (0..<1000).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(state >> 40) % 50) - 10  // many ties, some negative
        }
        for k in [1, 7, 64] {
            var a = TopK(k: k)
            var b = TopK(k: k)
            for (i, v) in values.enumerated() { a.insert(index: i, score: v) }
            values.withUnsafeBufferPointer { b.insert(scores: $0) }
            #expect(a.sortedResults().map(\.index) == b.sortedResults().map(\.index))
            var c = TopK(k: k)
            values.withUnsafeBufferPointer { c.insert(scores: $0, positiveOnly: true) }
            #expect(c.sortedResults().allSatisfy { $0.score > 0 })
        }
    }
}

@Suite struct TermTableTests {
    @Test func internsFindsAndGrows() {
        var table = TermTable(capacity: 2)
        var ids: [Int32] = []
        for i in 0..<5000 { ids.append(table.intern("term\(i)")) }
        #expect(ids == (0..<5000).map { Int32($0) })
        #expect(table.count == 5000)
        #expect(table.intern("term42") == 42)
        #expect(table.find("term4999") == 4999)
        #expect(table.find("term5000") == nil)
        #expect(table.find("") == nil)
        #expect(table.intern("") == 5000)
    }
}
