/// The tools a plan may call, indexed by name once. A catalog has dozens to thousands of tools and
/// plans are checked and run per request, so executors build this when their tool set changes, not
/// on every check (``ToolExecutor/toolTable`` has a default that builds it on each use).
public struct ToolTable: Sendable {
    public let tools: [ToolDescription]
    let byName: [String: ToolDescription]
    /// Names of the tools with effect `write` (their calls are ordered, never run in parallel).
    let writes: Set<String>

    public init(_ tools: [ToolDescription]) {
        var byName: [String: ToolDescription] = [:]
        byName.reserveCapacity(tools.count)
        var writes: Set<String> = []
        for tool in tools {
            byName[tool.name] = tool
            if tool.effect == .write { writes.insert(tool.name) }
        }
        self.tools = tools
        self.byName = byName
        self.writes = writes
    }

    public subscript(name: String) -> ToolDescription? { byName[name] }
}
