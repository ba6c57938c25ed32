/// One configured MCP server: its name (used in tool names and `mcp` bindings) and how to reach it.
public struct MCPServerConfig: Sendable, Equatable {
    public enum Transport: Sendable, Equatable {
        /// A command started as a child process, spoken to over its stdin and stdout.
        case stdio(command: [String])
        /// A streamable HTTP endpoint, e.g. `https://mcp.example.com/mcp`.
        case http(url: String)
    }

    public var name: String
    public var transport: Transport
    /// Prefix of the catalog names of this server's tools (`<prefix><tool>`); default `<name>_`.
    public var toolPrefix: String

    public init(name: String, transport: Transport, toolPrefix: String? = nil) {
        self.name = name
        self.transport = transport
        self.toolPrefix = toolPrefix ?? "\(name)_"
    }

    /// Parses `name=command arg...` (stdio) or `name=http(s)://...` (streamable HTTP), as in the
    /// `tools.mcp_servers` setting. Nil when malformed.
    public init?(parsing text: String) {
        guard let eq = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<eq]).trimmingSpaces
        let rest = String(text[text.index(after: eq)...]).trimmingSpaces
        guard !name.isEmpty, !rest.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        if rest.hasPrefix("http://") || rest.hasPrefix("https://") {
            self.init(name: name, transport: .http(url: rest))
        } else {
            self.init(name: name, transport: .stdio(command: rest.split(separator: " ").map(String.init)))
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
