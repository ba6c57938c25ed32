public import Catalog
public import Ranking

/// A ``ToolSelector`` over a `ToolRanker` and the catalog it indexes.
public struct RankerToolSelector: ToolSelector {
    public let ranker: ToolRanker
    public let catalog: @Sendable () -> Catalog

    /// `catalog` returns the current catalog (it may be reloaded together with the ranker).
    public init(ranker: ToolRanker, catalog: @escaping @Sendable () -> Catalog) {
        self.ranker = ranker
        self.catalog = catalog
    }

    public func select(query: String, k: Int) async throws -> [SelectedTool] {
        let response = try await ranker.search(query: query, k: k)
        let current = catalog()
        return response.results.compactMap { hit in
            current[hit.name].map { SelectedTool(definition: $0, score: Double(hit.score)) }
        }
    }

    public func tools(named names: [String]) -> [ToolDefinition] {
        let current = catalog()
        return names.compactMap { current[$0] }
    }

    /// The ranking document of a catalog tool (name, description, parameters, tags).
    public static func document(for tool: ToolDefinition) -> RankingDocument {
        RankingDocument(
            name: tool.name, description: tool.description,
            parameters: tool.parameterDescriptions.map { RankingDocument.Parameter(name: $0.name, description: $0.description) },
            tags: tool.tags)
    }
}
