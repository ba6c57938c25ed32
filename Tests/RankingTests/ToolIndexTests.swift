import Testing
@testable import Ranking

@Suite struct ToolIndexTests {
    func makeIndex(_ settings: RankingSettings = RankingSettings(), embedder: FakeEmbedder? = FakeEmbedder()) async throws -> ToolIndex {
        try await ToolIndex.build(documents: sampleDocuments, embedder: embedder, settings: settings)
    }

    @Test func hybridFindsTheRightToolAndReportsBothSignals() async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        let index = try await makeIndex(s)
        let r = try await index.search(query: "what is the weather forecast in Paris", k: 3)
        #expect(r.mode == .hybrid)
        #expect(r.results.first?.name == "get_weather")
        let top = try #require(r.results.first)
        #expect(top.bm25 > 0)
        #expect((top.semantic ?? 0) > 0)
        #expect(r.results.count <= 3)
    }

    @Test func withoutEmbedderSearchIsBM25AndSaysSo() async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        let index = try await makeIndex(s, embedder: nil)
        for mode in [SearchMode.auto, .hybrid, .bm25] {
            let r = try await index.search(query: "convert currency amount", k: 5, mode: mode)
            #expect(r.mode == .bm25)
            #expect(r.results.first?.name == "convertCurrency")
            #expect(r.results.allSatisfy { $0.semantic == nil })
        }
        await #expect(throws: RankingError.self) { _ = try await index.search(query: "x", k: 5, mode: .semantic) }
    }

    @Test func minimumRelevanceReallyFilters() async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        s.minimumBM25 = 0.5
        s.minimumCosine = 0.99
        let index = try await makeIndex(s)
        let r = try await index.search(query: "stock price", k: 10, mode: .hybrid)
        // Only tools sharing a word with the query pass (no cosine reaches 0.99).
        #expect(!r.results.isEmpty)
        #expect(r.results.allSatisfy { $0.bm25 >= 0.5 })
        #expect(r.results.count < sampleDocuments.count)
        let none = try await index.search(query: "zebra giraffe", k: 10, mode: .hybrid)
        #expect(none.results.isEmpty)
        s.minimumBM25 = 0
        s.minimumCosine = -1
        let open = try await makeIndex(s)
        let all = try await open.search(query: "zebra giraffe", k: 10, mode: .hybrid)
        #expect(!all.results.isEmpty)
    }

    @Test func smallCatalogModes() async throws {
        var s = RankingSettings()
        s.minimumCosine = 0.99
        s.minimumBM25 = 100
        s.smallCatalog = .auto
        s.smallCatalogLimit = 20
        let small = try await makeIndex(s)
        let r = try await small.search(query: "weather", k: 3)
        #expect(r.wholeCatalog)
        #expect(r.results.count == sampleDocuments.count)
        #expect(r.results.first?.name == "get_weather")
        s.smallCatalogLimit = 5
        let large = try await makeIndex(s)
        let r2 = try await large.search(query: "weather", k: 3)
        #expect(!r2.wholeCatalog && r2.results.isEmpty)  // thresholds set impossibly high
        s.smallCatalog = .always
        #expect(try await makeIndex(s).search(query: "weather", k: 3).results.count == sampleDocuments.count)
        s.smallCatalog = .never
        s.smallCatalogLimit = 1000
        #expect(try await makeIndex(s).search(query: "weather", k: 3).wholeCatalog == false)
    }

    @Test func limitsAreEnforcedWithTheirNames() async throws {
        var s = RankingSettings()
        s.maximumK = 4
        s.maximumQueryBytes = 16
        let index = try await makeIndex(s)
        do {
            _ = try await index.search(query: "weather", k: 5)
            Issue.record("k over the limit was accepted")
        } catch let e as RankingError {
            #expect(e.code == .limitExceeded && e.message.contains("maximumK (4)") && e.message.contains("5"))
        }
        do {
            _ = try await index.search(query: String(repeating: "a", count: 17), k: 2)
            Issue.record("long query was accepted")
        } catch let e as RankingError {
            #expect(e.code == .limitExceeded && e.message.contains("17 bytes") && e.message.contains("maximumQueryBytes (16)"))
        }
        await #expect(throws: RankingError.self) { _ = try await index.search(query: "w", k: 0) }
    }

    @Test func duplicateNamesAreRejected() async {
        let docs = [RankingDocument(name: "a", description: "x"), RankingDocument(name: "a", description: "y")]
        await #expect(throws: RankingError.self) { _ = try await ToolIndex.build(documents: docs) }
    }

    @Test(arguments: [FusionSettings.Method.adaptive, .reciprocalRank, .weighted])
    func everyFusionRanksTheObviousToolFirst(method: FusionSettings.Method) async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        s.fusion.method = method
        let index = try await makeIndex(s)
        let r = try await index.search(query: "translate this text into French", k: 3)
        #expect(r.results.first?.name == "translate_text")
        #expect(zip(r.results, r.results.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func semanticModeUsesCosinesAndInt8MatchesExact() async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        s.minimumCosine = -1
        let quantized = try await makeIndex(s)
        s.quantize = false
        let exact = try await makeIndex(s)
        for q in ["send a message", "flight to Rome", "latest news", "stock ticker price"] {
            let a = try await quantized.search(query: q, k: 5, mode: .semantic)
            let b = try await exact.search(query: q, k: 5, mode: .semantic)
            #expect(a.results.map(\.name) == b.results.map(\.name))
            #expect(a.results.allSatisfy { $0.semantic == $0.score })
        }
    }

    @Test func contentHashFollowsTheCatalog() async throws {
        let a = try await makeIndex()
        let b = try await makeIndex()
        var docs = sampleDocuments
        docs[0].description += " and wind"
        let c = try await ToolIndex.build(documents: docs, embedder: FakeEmbedder())
        #expect(a.contentHash == b.contentHash)
        #expect(a.contentHash != c.contentHash)
    }
}

@Suite struct ToolIndexBatchTests {
    @Test func batchSemanticSearchAgreesWithSingleQueries() async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        s.quantize = false
        s.minimumCosine = -1
        let fake = FakeEmbedder()
        let index = try await ToolIndex.build(documents: sampleDocuments, embedder: fake, settings: s)
        let queries = ["send a message", "flight to Rome", "latest news"]
        let vectors = queries.map(fake.vector)
        let batch = try index.semanticSearch(batch: vectors, k: 3)
        for (q, v) in zip(queries, vectors) {
            let single = try index.search(query: q, queryVector: v, k: 3, mode: .semantic)
            let b = try #require(batch[queries.firstIndex(of: q) ?? 0] as [ScoredResult]?)
            #expect(b.map(\.name) == single.results.map(\.name))
        }
        #expect(throws: RankingError.self) { _ = try index.semanticSearch(batch: [[1, 2]], k: 3) }
    }
}

@Suite struct ToolIndexCacheTests {
    @Test func warmCacheBuildsWithoutEmbeddingAndCorruptionIsRebuiltNotTrusted() async throws {
        let dir = makeTemporaryDirectory()
        let cache = EmbeddingCache(directory: dir, catalogName: "catalog")
        let fake = FakeEmbedder()
        let cold = try await ToolIndex.build(documents: sampleDocuments, embedder: fake, cache: cache)
        #expect(cold.cacheReport?.status == .created)
        #expect(fake.embedded.count == sampleDocuments.count)
        fake.resetCount()
        let warm = try await ToolIndex.build(documents: sampleDocuments, embedder: fake, cache: cache)
        #expect(warm.cacheReport?.status == .loaded)
        #expect(fake.embedded.isEmpty)
        let query = fake.vector("weather forecast")
        let a = try cold.search(query: "weather forecast", queryVector: query, k: 3, mode: .hybrid)
        let b = try warm.search(query: "weather forecast", queryVector: query, k: 3, mode: .hybrid)
        #expect(a == b)

        let path = cache.path(modelID: fake.modelID, dimensions: fake.dimensions)
        var bytes = readFile(path)
        bytes[bytes.count / 2] ^= 0xFF  // inside the vectors
        writeFile(path, bytes)
        let repaired = try await ToolIndex.build(documents: sampleDocuments, embedder: fake, cache: cache)
        #expect(repaired.cacheReport?.status == .rebuilt)
        #expect(repaired.cacheReport?.problem?.contains("checksum") == true)
        #expect(try repaired.search(query: "weather forecast", queryVector: query, k: 3, mode: .hybrid) == a)
    }
}
