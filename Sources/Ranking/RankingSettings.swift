/// Everything that shapes ranking, with the defaults chosen by the retrieval benchmark.
public struct RankingSettings: Sendable, Hashable, Codable {
    /// When to skip ranking and hand every tool over (a catalog small enough for the LLM to see whole).
    public enum SmallCatalogMode: String, Sendable, Hashable, Codable {
        /// Return every tool when the catalog has at most `smallCatalogLimit` tools.
        case auto
        /// Always return every tool (ordered by score, the threshold not applied).
        case always
        /// Always rank and filter.
        case never
    }

    public var bm25: BM25Settings
    public var fusion: FusionSettings
    /// Keep an int8 copy of the embeddings for the first pass (exact rescoring follows).
    public var quantize: Bool
    /// Candidates the int8 pass hands to exact rescoring (at least `k`).
    public var rescoreCount: Int
    /// A result is kept only if its raw BM25 score reaches `minimumBM25` or its raw cosine reaches
    /// `minimumCosine`. Applied in every mode, to the signals that mode uses.
    public var minimumBM25: Float
    public var minimumCosine: Float
    public var smallCatalog: SmallCatalogMode
    public var smallCatalogLimit: Int
    /// Limits on requests: largest `k`, longest query (in UTF-8 bytes).
    public var maximumK: Int
    public var maximumQueryBytes: Int
    /// Entries of the query-result cache (0 turns it off).
    public var queryCacheCapacity: Int

    public init(
        bm25: BM25Settings = BM25Settings(), fusion: FusionSettings = FusionSettings(), quantize: Bool = true,
        rescoreCount: Int = 64, minimumBM25: Float = 1.0, minimumCosine: Float = 0.1,
        smallCatalog: SmallCatalogMode = .auto, smallCatalogLimit: Int = 8, maximumK: Int = 200,
        maximumQueryBytes: Int = 8192, queryCacheCapacity: Int = 1024
    ) {
        self.bm25 = bm25
        self.fusion = fusion
        self.quantize = quantize
        self.rescoreCount = rescoreCount
        self.minimumBM25 = minimumBM25
        self.minimumCosine = minimumCosine
        self.smallCatalog = smallCatalog
        self.smallCatalogLimit = smallCatalogLimit
        self.maximumK = maximumK
        self.maximumQueryBytes = maximumQueryBytes
        self.queryCacheCapacity = queryCacheCapacity
    }
}
