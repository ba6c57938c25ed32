import Testing
@testable import Ranking

@Suite struct BM25IndexFileTests {
    let queries = ["weather forecast in a city", "send email message", "convert currency amount", "zebra", "stock ticker price"]

    func sameScores(_ a: BM25Index, _ b: BM25Index) -> Bool {
        queries.allSatisfy { a.scores($0).values == b.scores($0).values && a.knownShare($0) == b.knownShare($0) }
    }

    @Test func savedIndexLoadsWithIdenticalScores() {
        let path = makeTemporaryDirectory() + "/c.bm25"
        let (built, s1, p1) = BM25Index.cached(documents: sampleDocuments, path: path)
        #expect(s1 == .created && p1 == nil)
        let (loaded, s2, _) = BM25Index.cached(documents: sampleDocuments, path: path)
        #expect(s2 == .loaded)
        #expect(sameScores(built, loaded))
        #expect(loaded.vocabularySize == built.vocabularySize)
    }

    @Test func changedCatalogOrSettingsRebuild() {
        let path = makeTemporaryDirectory() + "/c.bm25"
        _ = BM25Index.cached(documents: sampleDocuments, path: path)
        var docs = sampleDocuments
        docs[3].description = "Find cheap flights and trains"
        let (index, status, _) = BM25Index.cached(documents: docs, path: path)
        #expect(status == .created)
        #expect(index.scores("trains").values[3] > 0)
        let (_, again, _) = BM25Index.cached(documents: docs, settings: BM25Settings(k1: 2), path: path)
        #expect(again == .created)
    }

    @Test(arguments: [0, 9, 20, 30, 60, 100, -1, -7])
    func damagedFileIsReportedAndRebuilt(offset: Int) {
        let path = makeTemporaryDirectory() + "/c.bm25"
        let (built, _, _) = BM25Index.cached(documents: sampleDocuments, path: path)
        var bytes = readFile(path)
        bytes[offset >= 0 ? offset : bytes.count + offset] ^= 0x04
        writeFile(path, bytes)
        let (index, status, problem) = BM25Index.cached(documents: sampleDocuments, path: path)
        #expect(status == .rebuilt)
        #expect(problem?.contains(path) == true)
        #expect(sameScores(built, index))
        #expect(BM25Index.cached(documents: sampleDocuments, path: path).status == .loaded)
    }

    @Test func truncatedFileIsReportedAndRebuilt() {
        let path = makeTemporaryDirectory() + "/c.bm25"
        _ = BM25Index.cached(documents: sampleDocuments, path: path)
        let bytes = readFile(path)
        for keep in [0, 50, bytes.count - 1] {
            writeFile(path, Array(bytes.prefix(keep)))
            #expect(BM25Index.cached(documents: sampleDocuments, path: path).status == .rebuilt)
        }
    }

    @Test func toolIndexUsesTheSavedIndex() async throws {
        let cache = EmbeddingCache(directory: makeTemporaryDirectory(), catalogName: "catalog")
        let first = try await ToolIndex.build(documents: sampleDocuments, embedder: FakeEmbedder(), cache: cache)
        #expect(first.bm25CacheReport?.status == .created)
        let second = try await ToolIndex.build(documents: sampleDocuments, cache: cache)
        #expect(second.bm25CacheReport?.status == .loaded)
        #expect(try await second.search(query: "currency", k: 1).results.first?.name == "convertCurrency")
    }
}
