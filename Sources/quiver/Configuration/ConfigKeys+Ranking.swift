/// Keys of the catalog runtime: the embedding model or endpoint, BM25, fusion, thresholds, `k`.
/// (`catalog`, the catalog directory, is in `ConfigKeys`.)
extension ConfigKeys {
    static let modelDir = ConfigKey<String?>(
        "model_dir", default: nil,
        help: "Sentence-encoder model directory (default `<data_dir>/models/all-MiniLM-L6-v2`; install with `bash scripts/install-model`). Used for ranking when present.")
    static let embeddingsBaseURL = ConfigKey<String?>(
        "embeddings.base_url", default: nil,
        help: "OpenAI-compatible API root for embeddings (e.g. `http://127.0.0.1:8081/v1`), used when no model directory is present.",
        validate: { url in
            guard let url else { return nil }
            return url.hasPrefix("http://") || url.hasPrefix("https://") ? nil : "must start with http:// or https://"
        })
    static let embeddingsModel = ConfigKey<String?>(
        "embeddings.model", default: nil, help: "Model name sent to the embeddings endpoint (required with `embeddings.base_url`).")
    static let embeddingsAPIKey = ConfigKey<String?>(
        "embeddings.api_key", default: nil, help: "Bearer key for the embeddings endpoint.", secret: true)
    static let bm25K1 = ConfigKey<Double>(
        "ranking.bm25_k1", default: 1.2, help: "BM25 term-frequency saturation (Okapi k1).", validate: Check.range(0...10))
    static let bm25B = ConfigKey<Double>(
        "ranking.bm25_b", default: 0.75, help: "BM25 length normalisation (Okapi b): 0 none, 1 full.", validate: Check.range(0...1))
    static let fusion = ConfigKey<FusionSetting>(
        "ranking.fusion", default: .adaptive,
        help: "How BM25 and embeddings combine: `adaptive` (per-query weights), `rrf` (reciprocal rank fusion) or `weighted` (0.3/0.7).")
    static let minimumBM25 = ConfigKey<Double>(
        "ranking.min_bm25", default: 1.0, help: "A result is kept if its raw BM25 score reaches this or its cosine reaches `ranking.min_cosine`.",
        validate: Check.range(0...1000))
    static let minimumCosine = ConfigKey<Double>(
        "ranking.min_cosine", default: 0.1, help: "Minimum raw cosine similarity for a result kept on semantic grounds.", validate: Check.range(-1...1))
    static let smallCatalog = ConfigKey<SmallCatalogSetting>(
        "ranking.small_catalog", default: .auto,
        help: "Return the whole catalog, ordered, instead of filtering: `auto` (when it has at most `ranking.small_catalog_limit` tools), `always`, `never`.")
    static let smallCatalogLimit = ConfigKey<Int>(
        "ranking.small_catalog_limit", default: 8, help: "Largest catalog `ranking.small_catalog=auto` returns whole.", validate: Check.range(0...10_000))
    static let defaultK = ConfigKey<Int>(
        "ranking.k_default", default: 10, help: "Tools a search returns when the request gives no `k`.", validate: Check.range(1...10_000))
    static let maximumK = ConfigKey<Int>(
        "ranking.k_max", default: 200, help: "Largest `k` a search accepts.", validate: Check.range(1...10_000))

    /// Every key of this file, for `ConfigKeys.all`.
    static let ranking: [any AnyConfigKey] = [
        modelDir, embeddingsBaseURL, embeddingsModel, embeddingsAPIKey, bm25K1, bm25B, fusion, minimumBM25, minimumCosine,
        smallCatalog, smallCatalogLimit, defaultK, maximumK,
    ]

    /// Checks across the keys of this file.
    static func rankingCrossChecks(_ config: Configuration) -> [ConfigError] {
        var errors: [ConfigError] = []
        if config[embeddingsBaseURL] != nil, (config[embeddingsModel] ?? "").isEmpty {
            errors.append(
                ConfigError(
                    key: embeddingsModel.name, source: config.source(of: embeddingsModel.name),
                    reason: "must be set when embeddings.base_url is (the model name the endpoint expects)"))
        }
        if config[defaultK] > config[maximumK] {
            errors.append(
                ConfigError(
                    key: defaultK.name, source: config.source(of: defaultK.name),
                    reason: "\(config[defaultK]) is larger than ranking.k_max (\(config[maximumK]))"))
        }
        return errors
    }
}

enum FusionSetting: String, ConfigEnum {
    case adaptive
    case rrf
    case weighted
}

enum SmallCatalogSetting: String, ConfigEnum {
    case auto
    case always
    case never
}
