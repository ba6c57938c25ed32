public import Catalog

/// Calls tools of configured MCP servers (implemented by the MCP adapter; tests may supply their own).
public protocol MCPToolCaller: Sendable {
    /// Calls `tool` of `server` with a JSON object of arguments and returns its result as JSON.
    func callTool(server: String, tool: String, arguments: CatalogJSON, timeoutMilliseconds: Int) async throws -> CatalogJSON
}
