public import Catalog
import MCP
import Synchronization
import SystemPackage

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Connects to the configured MCP servers (stdio child processes or streamable HTTP), lists their tools
/// as catalog definitions (`<server>_<tool>`, binding `mcp`), and calls them. `connect()` at start and
/// again on reload; `stop()` disconnects and ends the child processes.
public final class MCPToolHub: MCPToolCaller, Sendable {
    /// `Process` is not `Sendable`; it is only read to terminate the child.
    struct Connection: @unchecked Sendable {
        let client: Client
        let process: Process?
    }

    public let servers: [MCPServerConfig]
    private let connections = Mutex<[String: Connection]>([:])

    public init(servers: [MCPServerConfig]) {
        self.servers = servers
    }

    /// (Re)connects every server and returns the definitions of all their tools. A server that fails
    /// makes the whole call fail, naming it.
    public func connect() async throws -> [ToolDefinition] {
        await stop()
        var definitions: [ToolDefinition] = []
        for server in servers {
            let connection: Connection
            do {
                connection = try await open(server)
            } catch {
                throw MCPCallError("MCP server '\(server.name)': could not connect: \(error)", transient: true)
            }
            connections.withLock { $0[server.name] = connection }
            var cursor: String?
            repeat {
                let page = try await connection.client.listTools(cursor: cursor)
                for tool in page.tools { definitions.append(MCPToolHub.definition(tool, server: server)) }
                cursor = page.nextCursor
            } while cursor != nil && definitions.count < 10_000
        }
        return definitions
    }

    /// Disconnects every server and terminates stdio child processes.
    public func stop() async {
        let all = connections.withLock { c -> [Connection] in
            defer { c.removeAll() }
            return Array(c.values)
        }
        for c in all {
            await c.client.disconnect()
            if let p = c.process, p.isRunning { p.terminate() }
        }
    }

    public func callTool(server: String, tool: String, arguments: CatalogJSON, timeoutMilliseconds: Int) async throws -> CatalogJSON {
        guard let connection = connections.withLock({ $0[server] }) else {
            throw MCPCallError("MCP server '\(server)' is not connected", transient: true)
        }
        var args: [String: MCP.Value] = [:]
        if case .object(let o) = arguments { for (k, v) in o.entries { args[k] = MCPValueConversion.mcp(v) } }
        let result: (content: [Tool.Content], isError: Bool?)
        do {
            result = try await connection.client.callTool(name: tool, arguments: args)
        } catch let e as MCPError {
            throw MCPCallError("MCP server '\(server)': \(e.localizedDescription)", transient: false)
        }
        let json = MCPValueConversion.result(result.content)
        if result.isError == true {
            let text = json.stringValue ?? json.serialized()
            throw MCPCallError("MCP tool '\(tool)' reported an error: \(text.prefix(500))", transient: false)
        }
        return json
    }

    private func open(_ server: MCPServerConfig) async throws -> Connection {
        let client = Client(name: "quiver", version: "1")
        switch server.transport {
        case .http(let url):
            guard let endpoint = URL(string: url) else { throw MCPCallError("bad URL \(url)", transient: false) }
            try await client.connect(transport: HTTPClientTransport(endpoint: endpoint, streaming: false))
            return Connection(client: client, process: nil)
        case .stdio(let command):
            guard let executable = command.first else { throw MCPCallError("empty command", transient: false) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(command.dropFirst())
            let toChild = Pipe(), fromChild = Pipe()
            process.standardInput = toChild
            process.standardOutput = fromChild
            process.standardError = FileHandle.nullDevice
            try process.run()
            let transport = StdioTransport(
                input: FileDescriptor(rawValue: fromChild.fileHandleForReading.fileDescriptor),
                output: FileDescriptor(rawValue: toChild.fileHandleForWriting.fileDescriptor))
            do {
                try await client.connect(transport: transport)
            } catch {
                process.terminate()
                throw error
            }
            return Connection(client: client, process: process)
        }
    }

    /// A catalog definition for an MCP tool. Its input schema is used when the catalog's schema subset
    /// accepts it, else any object. Tools annotated read-only (or not marked destructive) are reads.
    static func definition(_ tool: Tool, server: MCPServerConfig) -> ToolDefinition {
        let schemaJSON = MCPValueConversion.json(tool.inputSchema)
        var issues: [SchemaIssue] = []
        var schema = JSONSchema.compile(schemaJSON, issues: &issues)
        if !issues.isEmpty || !(schema.types?.contains(.object) ?? true) {
            schema = JSONSchema.compile(["type": "object"], issues: &issues)
        }
        let writes = tool.annotations.readOnlyHint == false || tool.annotations.destructiveHint == true
        return ToolDefinition(
            name: catalogName(server.toolPrefix + tool.name), description: tool.description ?? "MCP tool \(tool.name) of \(server.name)",
            parameters: schema, tags: ["mcp", server.name], effect: writes ? .write : .read,
            binding: .mcp(server: server.name, tool: tool.name), file: "mcp:\(server.name)")
    }

    /// A CEL identifier from any name: other characters become `_`, at most 64 characters.
    static func catalogName(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { s -> Character in
            (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || s == "_" ? Character(s) : "_"
        })
        if let f = out.unicodeScalars.first, ("0"..."9").contains(f) { out = "_" + out }
        return String(out.prefix(64))
    }
}
