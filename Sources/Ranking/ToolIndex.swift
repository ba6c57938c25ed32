/// An immutable snapshot of a ranked catalog: BM25 index, embeddings (when an embedder was
/// given) and settings. Safe to share between threads; a reload builds a new one and swaps it
/// in (see ``ToolRanker``), so searches in flight keep the snapshot they started with.
public final class ToolIndex: Sendable {
    public let documents: [RankingDocument]
    public let settings: RankingSettings
    public let bm25: BM25Index
    /// Nil when the index has no embeddings: searches then use BM25 alone.
    public let embeddings: EmbeddingMatrix?
    public let embedder: (any Embedder)?
    /// What the embedding cache did while building (nil without an embedder).
    public let cacheReport: EmbeddingCache.Report?
    /// Whether the BM25 index came from its file next to the embedding cache (nil without a cache).
    public let bm25CacheReport: EmbeddingCache.Report?
    /// Hash of the documents, the model and the settings: the query-result cache key.
    public let contentHash: UInt64

    /// Builds an index. With an embedder, embeddings come through `cache` when given.
    public static func build(
        documents: [RankingDocument], embedder: (any Embedder)? = nil, cache: EmbeddingCache? = nil,
        settings: RankingSettings = RankingSettings()
    ) async throws -> ToolIndex {
        try checkNames(documents)
        @Sendable func lexicalIndex() -> (BM25Index, EmbeddingCache.Report?) {
            guard let cache else { return (BM25Index(documents: documents, settings: settings.bm25), nil) }
            let (index, status, problem) = BM25Index.cached(documents: documents, settings: settings.bm25, path: cache.bm25Path)
            return (index, EmbeddingCache.Report(status: status, reused: status == .loaded ? documents.count : 0, embedded: 0, problem: problem))
        }
        guard let embedder else {
            let (bm25, bm25Report) = lexicalIndex()
            return ToolIndex(documents: documents, settings: settings, bm25: bm25, embeddings: nil, embedder: nil, report: nil, bm25Report: bm25Report)
        }
        // The BM25 index builds (or loads) on another core while the embeddings load.
        async let lexical = lexicalIndex()
        let texts = documents.map(\.embeddingText)
        let matrix: EmbeddingMatrix
        let report: EmbeddingCache.Report
        if let cache {
            (matrix, report) = try await cache.embeddings(for: texts, embedder: embedder, quantize: settings.quantize)
        } else {
            var vectors: [[Float]] = []
            let batch = 64
            var start = 0
            while start < texts.count {
                let part = Array(texts[start..<min(start + batch, texts.count)])
                let got = try await embedder.embed(part)
                guard got.count == part.count else {
                    throw RankingError(.embedder, "embedder \(embedder.modelID) returned \(got.count) vectors for \(part.count) texts")
                }
                vectors += got
                start += batch
            }
            matrix = try EmbeddingMatrix(vectors: vectors, dimensions: embedder.dimensions, quantize: settings.quantize)
            report = EmbeddingCache.Report(status: .disabled, reused: 0, embedded: texts.count, problem: nil)
        }
        let (bm25, bm25Report) = await lexical
        return ToolIndex(
            documents: documents, settings: settings, bm25: bm25, embeddings: matrix, embedder: embedder, report: report, bm25Report: bm25Report)
    }

    /// An index over precomputed vectors (one per document, in order), for callers that embed elsewhere.
    public static func build(
        documents: [RankingDocument], vectors: [[Float]], modelID: String, settings: RankingSettings = RankingSettings()
    ) throws -> ToolIndex {
        try checkNames(documents)
        guard vectors.count == documents.count else {
            throw RankingError(.badVector, "\(vectors.count) vectors for \(documents.count) documents")
        }
        let dims = vectors.first?.count ?? 0
        let matrix = try EmbeddingMatrix(vectors: vectors, dimensions: dims, quantize: settings.quantize)
        let index = ToolIndex(
            documents: documents, settings: settings, bm25: BM25Index(documents: documents, settings: settings.bm25),
            embeddings: matrix, embedder: nil, report: nil, modelID: modelID)
        return index
    }

    init(
        documents: [RankingDocument], settings: RankingSettings, bm25: BM25Index, embeddings: EmbeddingMatrix?,
        embedder: (any Embedder)?, report: EmbeddingCache.Report?, bm25Report: EmbeddingCache.Report? = nil, modelID: String? = nil
    ) {
        self.bm25CacheReport = bm25Report
        self.documents = documents
        self.settings = settings
        self.bm25 = bm25
        self.embeddings = embeddings
        self.embedder = embedder
        self.cacheReport = report
        var h = Hash64.hash("\(settings)|\(modelID ?? embedder?.modelID ?? "-")|\(embeddings?.dimensions ?? 0)")
        func mix(_ text: String) { h = Hash64.hash(text, seed: h) }
        for d in documents {
            mix(d.name)
            mix(d.description)
            for p in d.parameters {
                mix(p.name)
                mix(p.description)
            }
            h = Hash64.hash("", seed: h &+ UInt64(d.parameters.count))
            for t in d.tags { mix(t) }
            h = Hash64.hash("", seed: h &+ UInt64(d.tags.count))
        }
        self.contentHash = h
    }

    static func checkNames(_ documents: [RankingDocument]) throws(RankingError) {
        var seen = Set<String>()
        for d in documents where !seen.insert(d.name).inserted {
            throw RankingError(.duplicateName, "two documents are named '\(d.name)'")
        }
    }

    /// The mode `auto` resolves to for this index.
    public var defaultMode: SearchMode { embeddings == nil ? .bm25 : .hybrid }
}
