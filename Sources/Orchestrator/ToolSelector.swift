public import Catalog

/// A tool chosen for a query, with its ranking score.
public struct SelectedTool: Sendable {
    public var definition: ToolDefinition
    public var score: Double
    public init(definition: ToolDefinition, score: Double) {
        self.definition = definition
        self.score = score
    }
}

/// Chooses the tools offered to the model for a query: the top `k`, best first.
public protocol ToolSelector: Sendable {
    func select(query: String, k: Int) async throws -> [SelectedTool]
    /// The tools called `names` (the request's explicit `tools` list); unknown names are left out.
    func tools(named names: [String]) -> [ToolDefinition]
}
