public import Catalog
public import Ranking

extension RankingDocument {
    /// The text of a catalog tool as the ranker sees it: name, description, parameter names and
    /// descriptions (sorted by name, so the content hash does not depend on declaration order), tags.
    public init(tool: ToolDefinition) {
        self.init(
            name: tool.name, description: tool.description,
            parameters: tool.parameterDescriptions.sorted { $0.name < $1.name }.map { Parameter(name: $0.name, description: $0.description) },
            tags: tool.tags)
    }
}
