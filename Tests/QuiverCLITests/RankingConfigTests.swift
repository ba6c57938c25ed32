import Ranking
import Testing

@testable import quiver

@Suite struct RankingConfigTests {
    @Test func rankingKeysMapToRankingSettings() throws {
        let config = try ConfigLoader().load(
            configPath: try emptyConfigFile(),
            environment: ["QUIVER_RANKING_FUSION": "rrf", "QUIVER_RANKING_BM25_K1": "1.5"],
            flags: ["--ranking-bm25-b", "0.5", "--ranking-small-catalog", "never", "--ranking-k-max", "50", "--ranking-min-cosine", "0.25", "--data-dir", "/srv/q"])
        let settings = RankingSettings(configuration: config)
        #expect(settings.bm25.k1 == 1.5)
        #expect(settings.bm25.b == 0.5)
        #expect(settings.fusion.method == .reciprocalRank)
        #expect(settings.smallCatalog == .never)
        #expect(settings.maximumK == 50)
        #expect(settings.minimumCosine == 0.25)
        #expect(settings.minimumBM25 == 1.0)
        #expect(config.modelDirectory == "/srv/q/models/all-MiniLM-L6-v2")
        #expect(config.embeddingCacheDirectory == "/srv/q/cache/embeddings")
        #expect(config.embeddingsEndpoint == nil)
    }

    @Test func anEndpointNeedsAModelAndKDefaultMayNotExceedKMax() throws {
        do {
            _ = try ConfigLoader().load(
                configPath: try emptyConfigFile(), environment: ["QUIVER_EMBEDDINGS_BASE_URL": "http://127.0.0.1:9/v1"],
                flags: ["--ranking-k-default", "300"])
            Issue.record("expected configuration errors")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("embeddings.model (from default): must be set when embeddings.base_url is"), "\(text)")
            #expect(text.contains("ranking.k_default (from flag --ranking-k-default): 300 is larger than ranking.k_max (200)"), "\(text)")
        }
        #expect(throws: ConfigErrors.self) {
            try ConfigLoader().load(configPath: try emptyConfigFile(), environment: [:], flags: ["--embeddings-base-url", "ftp://x"])
        }
        let config = try ConfigLoader().load(
            configPath: try emptyConfigFile(),
            environment: ["QUIVER_EMBEDDINGS_BASE_URL": "http://127.0.0.1:9/v1", "QUIVER_EMBEDDINGS_MODEL": "all-minilm", "QUIVER_MODEL_DIR": "/m"],
            flags: [])
        #expect(config.embeddingsEndpoint?.model == "all-minilm")
        #expect(config.modelDirectory == "/m")
    }
}
