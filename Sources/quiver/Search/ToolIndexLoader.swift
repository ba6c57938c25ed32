import Catalog
import HTTPAPI
import Logging
import Ranking

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Loads the catalog directory and builds a ``ToolCatalogSnapshot``: the embedder from
/// ``EmbedderProvider``, embeddings through the on-disk cache, BM25 alone when there is no embedder.
/// Shared by `quiver serve` (start and every reload) and `quiver search`.
struct ToolIndexLoader: Sendable {
    let catalogDirectory: String
    /// A missing directory is an empty catalog rather than an error (the `catalog` key at its default).
    let allowMissingDirectory: Bool
    let settings: RankingSettings
    let cacheDirectory: String
    let embedders: EmbedderProvider
    let logger: Logger

    init(configuration config: Configuration, logger: Logger) {
        catalogDirectory = config[ConfigKeys.catalog]
        allowMissingDirectory = config.source(of: ConfigKeys.catalog.name) == .defaults
        settings = RankingSettings(configuration: config)
        cacheDirectory = config.embeddingCacheDirectory
        embedders = EmbedderProvider(modelDirectory: config.modelDirectory, endpoint: config.embeddingsEndpoint)
        self.logger = logger
    }

    /// The catalog, every problem thrown at once (`CatalogError`, each issue with file and JSON path).
    func loadCatalog() throws(CatalogError) -> Catalog {
        if allowMissingDirectory, !FileManager.default.fileExists(atPath: catalogDirectory) {
            logger.warning(
                "no catalog directory at the default path; serving no tools (set --catalog DIR, QUIVER_CATALOG or the catalog key)",
                metadata: ["catalog": .string(catalogDirectory)])
            return Catalog(tools: [])
        }
        return try Catalog.load(directory: catalogDirectory)
    }

    /// Loads the catalog and builds its snapshot.
    func load(current: ToolCatalogSnapshot?) async throws -> ToolCatalogSnapshot {
        let catalog = try loadCatalog()
        return try await buildSnapshot(catalog: catalog, current: current)
    }

    /// Builds the snapshot of `catalog`. When the embedder fails while embedding the catalog: if the
    /// snapshot served now has embeddings, the load fails (the caller keeps serving it); otherwise the
    /// snapshot is built with BM25 alone and its status says why.
    func buildSnapshot(catalog: Catalog, current: ToolCatalogSnapshot?) async throws -> ToolCatalogSnapshot {
        let choice =
            catalog.count == 0
            ? EmbedderProvider.Choice(embedder: nil, status: EmbedderStatus(kind: .none, note: "BM25 only: the catalog has no tools to embed"))
            : await embedders.choose()
        if choice.embedder == nil, catalog.count > 0 {
            logger.warning("ranking with BM25 alone (no embedder)", metadata: ["why": .string(choice.status.note)])
        }
        var cache: EmbeddingCache?
        if catalog.count > 0 {
            do {
                try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
                cache = EmbeddingCache(directory: cacheDirectory, catalogName: cacheName)
            } catch {
                logger.warning(
                    "cannot create the embedding cache directory; embeddings are kept in memory only",
                    metadata: ["directory": .string(cacheDirectory), "error": .string(String(describing: error))])
            }
        }
        do {
            return try await ToolCatalogSnapshot.build(
                catalog: catalog, source: catalogDirectory, embedder: choice.embedder, status: choice.status, cache: cache, settings: settings)
        } catch {
            guard let embedder = choice.embedder else { throw error }
            embedders.forget()
            let problem = "the embedder \(embedder.modelID) failed while embedding the catalog: \(error)"
            if current?.index.embeddings != nil {
                throw ReloadFailure(message: problem)
            }
            let status = EmbedderStatus(kind: .none, note: "BM25 only: \(problem); reload to try again")
            return try await ToolCatalogSnapshot.build(
                catalog: catalog, source: catalogDirectory, embedder: nil, status: status, cache: nil, settings: settings)
        }
    }

    /// The cache file's catalog name: the directory's last component.
    var cacheName: String {
        let parts = catalogDirectory.split(separator: "/")
        return parts.last.map(String.init) ?? "catalog"
    }
}
