public import Catalog
import MCP

extension MCPToolHub {
    /// A catalog definition for an MCP tool. Its input schema is used when the catalog's schema subset
    /// accepts it, else any object. Tools annotated read-only (or not marked destructive) are reads.
    /// `source` holds what the server said (name, description, schema, effect, binding), so the catalog's
    /// content hash changes when an MCP tool does.
    static func definition(_ tool: Tool, server: MCPServerConfig) -> ToolDefinition {
        let schemaJSON = MCPValueConversion.json(tool.inputSchema)
        var issues: [SchemaIssue] = []
        var schema = JSONSchema.compile(schemaJSON, issues: &issues)
        var parameters = schemaJSON
        if !issues.isEmpty || !(schema.types?.contains(.object) ?? true) {
            parameters = ["type": "object"]
            schema = JSONSchema.compile(parameters, issues: &issues)
        }
        let writes = tool.annotations.readOnlyHint == false || tool.annotations.destructiveHint == true
        let name = catalogName(server.toolPrefix + tool.name)
        let description = tool.description ?? "MCP tool \(tool.name) of \(server.name)"
        let source: CatalogJSON = [
            "name": .string(name), "description": .string(description), "parameters": parameters,
            "effect": .string(writes ? "write" : "read"),
            "binding": ["type": "mcp", "server": .string(server.name), "tool": .string(tool.name)],
        ]
        return ToolDefinition(
            name: name, description: description, parameters: schema, tags: ["mcp", server.name], effect: writes ? .write : .read,
            binding: .mcp(server: server.name, tool: tool.name), source: source, file: "mcp:\(server.name)")
    }

    /// A CEL identifier from any name: other characters become `_`, at most 64 characters.
    static func catalogName(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { s -> Character in
            (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || s == "_" ? Character(s) : "_"
        })
        if let f = out.unicodeScalars.first, ("0"..."9").contains(f) { out = "_" + out }
        return String(out.prefix(64))
    }

    /// `catalog` with the MCP `tools` added; a tool whose name is already in the catalog is left out
    /// (the catalog wins) and returned in `clashes`.
    public static func merge(_ catalog: Catalog, _ tools: [ToolDefinition]) -> (catalog: Catalog, clashes: [String]) {
        guard !tools.isEmpty else { return (catalog, []) }
        var known = Set(catalog.names)
        var added: [ToolDefinition] = []
        var clashes: [String] = []
        for tool in tools {
            if known.insert(tool.name).inserted { added.append(tool) } else { clashes.append(tool.name) }
        }
        return (Catalog(tools: catalog.tools + added), clashes)
    }
}
