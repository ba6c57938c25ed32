public import Catalog
import MCP
import Synchronization

/// Connects to the configured MCP servers (stdio child processes or streamable HTTP), lists their tools
/// as catalog definitions (`<server>_<tool>`, binding `mcp`), and calls them.
///
/// - ``refresh()`` (at start and on every catalog reload) re-lists each server over its open connection,
///   reconnecting a server whose child process died or whose connection failed (not one that answered
///   with an error). A server that cannot be listed keeps the tools it had, and its failure is kept for
///   ``status`` (shown by `/ready`).
/// - ``stop()`` disconnects every server and ends the child processes (SIGTERM, then SIGKILL after
///   ``stopGrace``), so none outlives the server.
public final class MCPToolHub: MCPToolCaller, Sendable {
    /// One server's state: its connection, the tools it last listed, and the failure of its last listing.
    struct ServerState {
        var connection: MCPConnection?
        var tools: [ToolDefinition] = []
        var failure: String?
    }

    /// What one server offers now, for readiness and logs.
    public struct ServerStatus: Sendable, Equatable {
        public let name: String
        /// Tools served from this server (the last successful listing).
        public let tools: Int
        /// Why the last listing failed (nil when it succeeded).
        public let failure: String?
    }

    public let servers: [MCPServerConfig]
    /// Most time a connect (with the MCP handshake) or a tools listing may take (`tools.mcp_list_timeout_ms`).
    public let listTimeoutMilliseconds: Int
    /// How long a child gets to exit after SIGTERM before it is killed.
    public let stopGrace: Duration
    private let state: Mutex<[String: ServerState]>
    /// Set by ``stop()``: no connection is opened after it.
    private let stopped = Mutex(false)
    /// Refreshes run one at a time.
    private let refreshing = AsyncSerialGate()

    public init(servers: [MCPServerConfig], listTimeoutMilliseconds: Int = 10_000, stopGrace: Duration = .seconds(2)) {
        self.servers = servers
        self.listTimeoutMilliseconds = max(1, listTimeoutMilliseconds)
        self.stopGrace = stopGrace
        state = Mutex(Dictionary(servers.map { ($0.name, ServerState()) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Lists every server's tools (see ``refresh()``) and fails, naming the server, when one cannot be listed.
    public func connect() async throws -> [ToolDefinition] {
        let listing = await refresh()
        if let failure = listing.failures.first {
            throw MCPCallError("MCP server '\(failure.server)': \(failure.message)", transient: true)
        }
        return listing.tools
    }

    /// Re-lists every server's tools: over its connection when it is alive, else after (re)connecting; a
    /// listing that fails on an open connection is retried once on a new one. Never throws: a server that
    /// fails keeps its previous tools and its failure is in the result and in ``status``.
    public func refresh() async -> MCPListing {
        await refreshing.run {
            // Servers are listed concurrently, so one slow server costs one timeout, not one per server.
            let messages = await withTaskGroup(of: (String, String?).self) { group in
                for server in self.servers { group.addTask { (server.name, await self.refresh(server)) } }
                var out: [String: String] = [:]
                for await (name, message) in group { if let message { out[name] = message } }
                return out
            }
            let failures = self.servers.compactMap { s in messages[s.name].map { MCPListing.Failure(server: s.name, message: $0) } }
            return MCPListing(tools: self.tools, failures: failures)
        }
    }

    /// The tools of every server as last listed, in server order.
    public var tools: [ToolDefinition] {
        let all = state.withLock { $0 }
        return servers.flatMap { all[$0.name]?.tools ?? [] }
    }

    /// Every server's tool count and last failure, in server order.
    public var status: [ServerStatus] {
        let all = state.withLock { $0 }
        return servers.map { ServerStatus(name: $0.name, tools: all[$0.name]?.tools.count ?? 0, failure: all[$0.name]?.failure) }
    }

    /// One server: nil when listed, else why not.
    private func refresh(_ server: MCPServerConfig) async -> String? {
        if stopped.withLock({ $0 }) { return "the MCP hub is stopped" }
        let current = state.withLock { $0[server.name]?.connection }
        var failure: String?
        if let current, current.isAlive {
            do {
                try await store(server, tools: try listTools(server, current), connection: current)
                return nil
            } catch let e as MCPError where !MCPToolHub.isTransient(e) {
                // The server answered with an error: it is alive, so keep its connection (and its tools).
                let message = "listing tools failed: \(MCPToolHub.describe(e))"
                state.withLock { $0[server.name]?.failure = message }
                return message
            } catch {
                failure = "listing tools failed (\(MCPToolHub.describe(error))); reconnecting"
            }
        }
        // No connection, a dead child, or a failed listing: a new connection.
        await replace(server, with: nil)
        do {
            let connection = try await withTimeout("connecting") { try await MCPConnection.open(server) }
            do {
                try await store(server, tools: try listTools(server, connection), connection: connection)
                return nil
            } catch {
                await connection.close(grace: stopGrace)
                throw error
            }
        } catch {
            let message = (failure.map { $0 + ": " } ?? "") + MCPToolHub.describe(error)
            state.withLock { $0[server.name]?.failure = message }
            return message
        }
    }

    private func store(_ server: MCPServerConfig, tools: [ToolDefinition], connection: MCPConnection) async throws {
        // A connection opened while stop() ran must not outlive it.
        if stopped.withLock({ $0 }) {
            await connection.close(grace: stopGrace)
            throw MCPCallError("the MCP hub is stopped", transient: false)
        }
        state.withLock {
            $0[server.name]?.connection = connection
            $0[server.name]?.tools = tools
            $0[server.name]?.failure = nil
        }
    }

    /// Closes the server's connection (if any) and puts `connection` in its place.
    private func replace(_ server: MCPServerConfig, with connection: MCPConnection?) async {
        let old = state.withLock { s -> MCPConnection? in
            let old = s[server.name]?.connection
            s[server.name]?.connection = connection
            return old
        }
        await old?.close(grace: stopGrace)
    }

    private func listTools(_ server: MCPServerConfig, _ connection: MCPConnection) async throws -> [ToolDefinition] {
        try await withTimeout("listing tools") {
            var definitions: [ToolDefinition] = []
            var cursor: String?
            repeat {
                let page = try await connection.client.listTools(cursor: cursor)
                for tool in page.tools { definitions.append(MCPToolHub.definition(tool, server: server)) }
                cursor = page.nextCursor
            } while cursor != nil && definitions.count < 10_000
            return definitions
        }
    }

    /// Runs `body`, failing with a message naming `tools.mcp_list_timeout_ms` when it takes longer. The
    /// body is cancelled then but not waited for (the SDK may not notice), and its connection is closed.
    private func withTimeout<T: Sendable>(_ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let limit = listTimeoutMilliseconds
        let race = FirstResult<T>()
        return try await withCheckedThrowingContinuation { continuation in
            race.start(continuation)
            let work = Task {
                do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) }
            }
            let timer = Task {
                try await Task.sleep(for: .milliseconds(limit))
                if race.finish(.failure(MCPCallError("\(what) took longer than mcp_list_timeout_ms (\(limit) ms)", transient: true))) {
                    work.cancel()
                }
            }
            race.onFinish { timer.cancel() }
        }
    }

    /// Disconnects every server and ends stdio child processes (SIGTERM, then SIGKILL after ``stopGrace``).
    public func stop() async {
        stopped.withLock { $0 = true }
        let all = state.withLock { s -> [MCPConnection] in
            var out: [MCPConnection] = []
            for key in s.keys {
                if let c = s[key]?.connection { out.append(c) }
                s[key]?.connection = nil
            }
            return out
        }
        await withTaskGroup(of: Void.self) { group in
            for c in all { group.addTask { await c.close(grace: self.stopGrace) } }
        }
    }

    /// Process ids of the running stdio children (for tests and logs).
    public var childProcessIDs: [Int32] {
        state.withLock { s in s.values.compactMap { $0.connection?.processID } }
    }

    public func callTool(server: String, tool: String, arguments: CatalogJSON, timeoutMilliseconds: Int) async throws -> CatalogJSON {
        guard let connection = state.withLock({ $0[server]?.connection }) else {
            throw MCPCallError("MCP server '\(server)' is not connected", transient: true)
        }
        guard connection.isAlive else {
            throw MCPCallError("MCP server '\(server)' has exited; it is restarted on the next catalog reload", transient: true)
        }
        var args: [String: MCP.Value] = [:]
        if case .object(let o) = arguments { for (k, v) in o.entries { args[k] = MCPValueConversion.mcp(v) } }
        let result: (content: [Tool.Content], isError: Bool?)
        do {
            result = try await connection.client.callTool(name: tool, arguments: args)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // An error answer of the server is not transient; a failed connection or transport is.
            let transient = (error as? MCPError).map(MCPToolHub.isTransient) ?? true
            throw MCPCallError("MCP server '\(server)': \(MCPToolHub.describe(error))", transient: transient)
        }
        let json = MCPValueConversion.result(result.content)
        if result.isError == true {
            let text = json.stringValue ?? json.serialized()
            throw MCPCallError("MCP tool '\(tool)' reported an error: \(text.prefix(500))", transient: false)
        }
        return json
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let e as MCPCallError: return e.message
        case let e as MCPError: return e.errorDescription ?? String(describing: e)
        default: return String(describing: error)
        }
    }

    /// A connection or transport failure (worth retrying), not an error answer of the server.
    static func isTransient(_ error: MCPError) -> Bool {
        switch error {
        case .connectionClosed, .transportError: return true
        default: return false
        }
    }
}

/// The result of ``MCPToolHub/refresh()``: every server's tools (a failed server's previous ones) and the failures.
public struct MCPListing: Sendable {
    public struct Failure: Sendable, Equatable {
        public let server: String
        public let message: String
    }

    public let tools: [ToolDefinition]
    public let failures: [Failure]
}
