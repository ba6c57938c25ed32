public import Catalog
public import Ranking
public import Sandbox

/// One consistent state of the tool runtime: a catalog and the ranker built from it. Immutable; a
/// reload builds a new snapshot and ``ToolCatalogService`` swaps it in whole, so a request that took
/// a snapshot sees a catalog and an index that agree until it finishes.
public final class ToolCatalogSnapshot: Sendable {
    public let catalog: Catalog
    /// The index and its query-result cache (a fresh cache per snapshot).
    public let ranker: ToolRanker
    /// Which embedder the index was built with (or why none).
    public let embedder: EmbedderStatus
    /// Where the catalog came from (its directory), for messages.
    public let source: String
    /// Time spent building the index (catalog load excluded).
    public let buildDuration: Duration
    /// Tool names in ascending order: the order of `GET /v1/tools` and its cursors.
    public let sortedNames: [String]
    /// The executor over this catalog's tools (nil when the server runs no plans): swapped with the index,
    /// so `/v1/plans/run` sees exactly the tools `/v1/tools/search` ranks (see ``ReloadableToolExecutor``).
    public let executor: (any ToolExecutor)?

    public convenience init(
        catalog: Catalog, index: ToolIndex, embedder: EmbedderStatus, source: String, buildDuration: Duration = .zero,
        executor: (any ToolExecutor)? = nil
    ) {
        self.init(
            catalog: catalog, ranker: ToolRanker(index: index), embedder: embedder, source: source, buildDuration: buildDuration,
            sortedNames: catalog.names.sorted(), executor: executor)
    }

    private init(
        catalog: Catalog, ranker: ToolRanker, embedder: EmbedderStatus, source: String, buildDuration: Duration, sortedNames: [String],
        executor: (any ToolExecutor)?
    ) {
        self.catalog = catalog
        self.ranker = ranker
        self.embedder = embedder
        self.source = source
        self.buildDuration = buildDuration
        self.sortedNames = sortedNames
        self.executor = executor
    }

    /// This snapshot with `executor` (the index and its cache are shared; use it before installing).
    public func with(executor: any ToolExecutor) -> ToolCatalogSnapshot {
        ToolCatalogSnapshot(
            catalog: catalog, ranker: ranker, embedder: embedder, source: source, buildDuration: buildDuration, sortedNames: sortedNames,
            executor: executor)
    }

    /// Maps every tool to a `RankingDocument` and builds the index (embeddings, and the BM25 index,
    /// through `cache` when given).
    /// - Throws: what `ToolIndex.build` throws (a `RankingError` when the embedder fails).
    public static func build(
        catalog: Catalog, source: String, embedder: (any Embedder)?, status: EmbedderStatus, cache: EmbeddingCache?,
        settings: RankingSettings
    ) async throws -> ToolCatalogSnapshot {
        let clock = ContinuousClock()
        let start = clock.now
        let documents = catalog.tools.map(RankingDocument.init(tool:))
        let index = try await ToolIndex.build(documents: documents, embedder: embedder, cache: cache, settings: settings)
        return ToolCatalogSnapshot(catalog: catalog, index: index, embedder: status, source: source, buildDuration: clock.now - start)
    }

    /// The index searches use.
    public var index: ToolIndex { ranker.index }

    /// What `mode: auto` runs on this snapshot: `hybrid` with embeddings, else `bm25`.
    public var defaultMode: SearchMode { index.defaultMode }

    /// Up to `limit` tools whose names sort after `cursor` (from the start when nil), and the cursor of
    /// the next page (nil on the last page).
    public func page(after cursor: String?, limit: Int) -> (tools: [ToolDefinition], next: String?) {
        var low = 0
        if let cursor {
            var high = sortedNames.count
            while low < high {
                let mid = low + (high - low) / 2
                if sortedNames[mid] <= cursor { low = mid + 1 } else { high = mid }
            }
        }
        let end = min(sortedNames.count, low + max(limit, 0))
        let names = sortedNames[low..<end]
        let tools = names.compactMap { catalog[$0] }
        let next = end < sortedNames.count ? names.last : nil
        return (tools, next)
    }

    /// One line for `/ready` and the log: tools, search mode, embedder, cache.
    public var summary: String {
        let count = catalog.count
        var text = "\(count) tool\(count == 1 ? "" : "s") from \(source); "
        switch defaultMode {
        case .hybrid: text += "hybrid search (BM25 + embeddings): \(embedder.note)"
        default: text += embedder.note
        }
        if let report = index.cacheReport, report.status != .disabled {
            text += "; embedding cache \(report.status.rawValue) (\(report.reused) reused, \(report.embedded) embedded)"
        }
        return text
    }
}
