import Logging
import ServiceLifecycle
import Tools

/// Owns the MCP hub in `quiver serve`'s service group: on graceful shutdown (SIGTERM, SIGINT) or
/// cancellation it disconnects every MCP server and ends their child processes, so none is orphaned.
/// It is the first service of the group, so it stops last, after the HTTP server has drained.
struct MCPHubService: Service {
    let hub: MCPToolHub
    let logger: Logger

    func run() async throws {
        // Returns on graceful shutdown; throws when the group is cancelled. Either way: stop the servers.
        try? await gracefulShutdown()
        let children = hub.childProcessIDs
        await hub.stop()
        logger.notice("MCP servers stopped", metadata: ["children": .string(children.map(String.init).joined(separator: ","))])
    }
}
