import Catalog
import HTTPAPI
import Orchestrator

/// The planner's tool selection over the served catalog index: the same ranking as `/v1/tools/search`,
/// and one consistent catalog snapshot per query, also across reloads.
struct CatalogToolSelector: ToolSelector {
    let service: ToolCatalogService

    func select(query: String, k: Int) async throws -> [SelectedTool] {
        try await service.selectTools(query: query, k: k).map { SelectedTool(definition: $0.definition, score: Double($0.score)) }
    }

    func tools(named names: [String]) -> [ToolDefinition] { service.tools(named: names) }
}
