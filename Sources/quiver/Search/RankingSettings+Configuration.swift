import HTTPAPI
import Ranking

extension RankingSettings {
    /// Ranking's settings from the `ranking.*` keys (the rest keep Ranking's measured defaults).
    init(configuration config: Configuration) {
        self.init()
        bm25.k1 = Float(config[ConfigKeys.bm25K1])
        bm25.b = Float(config[ConfigKeys.bm25B])
        switch config[ConfigKeys.fusion] {
        case .adaptive: fusion.method = .adaptive
        case .rrf: fusion.method = .reciprocalRank
        case .weighted: fusion.method = .weighted
        }
        minimumBM25 = Float(config[ConfigKeys.minimumBM25])
        minimumCosine = Float(config[ConfigKeys.minimumCosine])
        switch config[ConfigKeys.smallCatalog] {
        case .auto: smallCatalog = .auto
        case .always: smallCatalog = .always
        case .never: smallCatalog = .never
        }
        smallCatalogLimit = config[ConfigKeys.smallCatalogLimit]
        maximumK = config[ConfigKeys.maximumK]
    }
}

extension ToolsRouteSettings {
    init(configuration config: Configuration) {
        self.init(defaultK: config[ConfigKeys.defaultK])
    }
}

extension Configuration {
    /// `model_dir`, or `<data_dir>/models/all-MiniLM-L6-v2`.
    var modelDirectory: String {
        if let dir = self[ConfigKeys.modelDir], !dir.isEmpty { return dir }
        return self[ConfigKeys.dataDir] + "/models/all-MiniLM-L6-v2"
    }

    /// Where embedding caches live: `<data_dir>/cache/embeddings`.
    var embeddingCacheDirectory: String {
        self[ConfigKeys.dataDir] + "/cache/embeddings"
    }

    /// The embeddings endpoint, when `embeddings.base_url` is set.
    var embeddingsEndpoint: EmbedderProvider.Endpoint? {
        guard let baseURL = self[ConfigKeys.embeddingsBaseURL], !baseURL.isEmpty else { return nil }
        return EmbedderProvider.Endpoint(baseURL: baseURL, model: self[ConfigKeys.embeddingsModel] ?? "", apiKey: self[ConfigKeys.embeddingsAPIKey])
    }
}
