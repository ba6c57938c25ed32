/// A loaded, validated tool catalog. Build one with `Catalog.load(directory:options:)` or `Catalog.load(sources:options:)`.
public struct Catalog: Sendable {
    /// Tools in load order (files by name, then order within each file).
    public let tools: [ToolDefinition]
    private let index: [String: Int]
    /// SHA-256 (hex) over the canonical JSON of every definition, sorted by tool name: unchanged by
    /// file order, file names, whitespace or key order; changed by any change of meaning. Key caches on it.
    public let contentHash: String

    /// A catalog of `tools` (checked by the loader; this initialiser only indexes them, a later duplicate name wins).
    public init(tools: [ToolDefinition]) {
        self.tools = tools
        var index: [String: Int] = [:]
        for (i, tool) in tools.enumerated() { index[tool.name] = i }
        self.index = index
        self.contentHash = Catalog.hash(tools)
    }

    public var count: Int { tools.count }

    /// The tool called `name`.
    public subscript(name: String) -> ToolDefinition? {
        index[name].map { tools[$0] }
    }

    public var names: [String] { tools.map(\.name) }

    static func hash(_ tools: [ToolDefinition]) -> String {
        var text = "quiver-catalog-v1\n"
        for tool in tools.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let canonical = tool.source.isNull ? "\(tool.name) \(tool.description)" : tool.source.serialized(sortedKeys: true)
            text += canonical + "\n"
        }
        return SHA256.hex(text.utf8)
    }
}
