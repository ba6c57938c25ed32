import Testing
@testable import Ranking

@Suite struct ToolRankerTests {
    @Test func swapIsAtomicAndTheCacheFollowsTheCatalog() async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        let fake = FakeEmbedder()
        let first = try await ToolIndex.build(documents: sampleDocuments, embedder: fake, settings: s)
        let ranker = ToolRanker(index: first)
        let a = try await ranker.search(query: "weather in Oslo", k: 3)
        let again = try await ranker.search(query: "weather in Oslo", k: 3)
        #expect(a == again)
        #expect(ranker.cacheStatistics.hits == 1)

        // A new catalog where the weather tool is renamed: the cached answer must not be served.
        var docs = sampleDocuments
        docs[0].name = "weather_now"
        let second = try await ToolIndex.build(documents: docs, embedder: fake, settings: s)
        let old = ranker.replace(with: second)
        #expect(old === first)
        let b = try await ranker.search(query: "weather in Oslo", k: 3)
        #expect(b.results.first?.name == "weather_now")
        #expect(ranker.cacheStatistics.hits == 1)
    }

    @Test func searchesDuringSwapsAlwaysSeeAWholeSnapshot() async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        s.queryCacheCapacity = 0
        let fake = FakeEmbedder()
        var docs2 = sampleDocuments
        docs2[0].name = "weather_v2"
        let one = try await ToolIndex.build(documents: sampleDocuments, embedder: fake, settings: s)
        let two = try await ToolIndex.build(documents: docs2, embedder: fake, settings: s)
        let ranker = ToolRanker(index: one)
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                for i in 0..<200 { ranker.replace(with: i % 2 == 0 ? two : one) }
                return nil
            }
            for _ in 0..<8 {
                group.addTask { try await ranker.search(query: "weather forecast", k: 1).results.first?.name }
            }
            for try await name in group {
                if let name { #expect(name == "get_weather" || name == "weather_v2") }
            }
        }
    }

    @Test func queryCacheEvictsOldestWhenFull() {
        var cache = QueryCache(capacity: 8)
        let response = SearchResponse(results: [], mode: .bm25, wholeCatalog: false)
        for i in 0..<20 { cache.put(.init(contentHash: 1, query: "q\(i)", k: 1, mode: .bm25), response) }
        #expect(cache.count <= 8)
        #expect(cache.get(.init(contentHash: 1, query: "q19", k: 1, mode: .bm25)) != nil)
        #expect(cache.get(.init(contentHash: 1, query: "q0", k: 1, mode: .bm25)) == nil)
        #expect(cache.get(.init(contentHash: 2, query: "q19", k: 1, mode: .bm25)) == nil)
    }
}
