import Catalog
import Foundation
import Sandbox
import Testing
import Tools

#if canImport(Glibc)
import Glibc
#endif

/// `MCPToolHub.refresh()` (run on every catalog reload) against real `MCPTestServer` child processes.
@Suite(.serialized) struct MCPReloadTests {
    static func hub(_ name: String, toolsFile: String, extra: [String] = [], timeout: Int = 10_000) -> MCPToolHub {
        MCPToolHub(
            servers: [MCPServerConfig(name: name, transport: .stdio(command: [MCPTestProcess.serverPath, "--tools-file", toolsFile] + extra))],
            listTimeoutMilliseconds: timeout)
    }

    /// A new tools file for `MCPTestServer --tools-file` holding `text`.
    static func toolsFile(_ text: String) throws -> String {
        let file = MCPTestProcess.temporaryPath("tools")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func refreshPicksUpAToolTheServerAddedOverTheSameConnection() async throws {
        let file = try Self.toolsFile("")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let hub = Self.hub("t", toolsFile: file)
        let first = try await hub.connect()
        #expect(!first.contains { $0.name == "t_extra" })
        let pid = try #require(hub.childProcessIDs.first)
        let base = CatalogToolExecutor(catalog: Catalog(tools: first), mcp: hub)
        let unknown = try Plan.parse(source: "return t_extra(x: 1);").check(tools: base.tools)
        #expect(unknown.errors.contains { $0.message.contains("t_extra") })

        try "extra\n".write(toFile: file, atomically: true, encoding: .utf8)
        let listing = await hub.refresh()
        #expect(listing.failures.isEmpty)
        #expect(listing.tools.contains { $0.name == "t_extra" })
        #expect(hub.childProcessIDs == [pid], "the live connection is reused")
        let extra = try #require(listing.tools.first { $0.name == "t_extra" })
        #expect(extra.tags == ["mcp", "t"])
        #expect(extra.description.contains("Test tool extra"))

        let reloaded = try base.reloaded(catalog: Catalog(tools: listing.tools))
        let outcome = try await run("return t_extra(x: 1).tool;", reloaded)
        #expect(outcome.value.map { if case .string("extra") = $0 { true } else { false } } == true, "\(message(outcome))")

        // Removed from the file: gone from the next listing.
        try "".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(!(await hub.refresh()).tools.contains { $0.name == "t_extra" })
        await hub.stop()
    }

    @Test func aServerWhoseProcessDiedIsRestartedOnRefresh() async throws {
        let file = try Self.toolsFile("")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let hub = Self.hub("d", toolsFile: file)
        let listed = try await hub.connect()
        let pid = try #require(hub.childProcessIDs.first)
        kill(pid, SIGKILL)
        for _ in 0..<200 where MCPTestProcess.isRunning(pid) { try await Task.sleep(for: .milliseconds(10)) }
        let ex = CatalogToolExecutor(catalog: Catalog(tools: listed), mcp: hub)
        let dead = try await run("return d_add(a: 1, b: 2);", ex)
        // "has exited" once Foundation has reaped the child, else the failed write to its pipe.
        #expect(message(dead).contains("MCP server 'd'"), "\(message(dead))")

        let listing = await hub.refresh()
        #expect(listing.failures.isEmpty, "\(listing.failures)")
        let restarted = try #require(hub.childProcessIDs.first)
        #expect(restarted != pid)
        let sum = try await run("return d_add(a: 1, b: 2);", ex)
        #expect(sum.value.map { if case .double(3) = $0 { true } else { false } } == true, "\(message(sum))")
        await hub.stop()
    }

    @Test func aServerThatFailsToListKeepsItsPreviousToolsAndSaysWhy() async throws {
        let file = try Self.toolsFile("kept\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let hub = Self.hub("f", toolsFile: file)
        _ = try await hub.connect()
        try "kept\n!error\n".write(toFile: file, atomically: true, encoding: .utf8)
        let listing = await hub.refresh()
        #expect(listing.failures.map(\.server) == ["f"])
        #expect(listing.failures.first?.message.contains("listing broken on purpose") == true, "\(listing.failures)")
        #expect(listing.tools.contains { $0.name == "f_kept" }, "the previous tools are kept")
        #expect(hub.status.first?.failure?.contains("listing broken on purpose") == true)
        #expect(hub.status.first?.tools == 5)

        try "kept\nnew_one\n".write(toFile: file, atomically: true, encoding: .utf8)
        let healed = await hub.refresh()
        #expect(healed.failures.isEmpty)
        #expect(healed.tools.contains { $0.name == "f_new_one" })
        #expect(hub.status.first?.failure == nil)
        await hub.stop()
    }

    @Test func listingOverItsTimeoutFailsNamingTheLimit() async throws {
        let file = MCPTestProcess.temporaryPath("tools")
        let hub = Self.hub("s", toolsFile: file, extra: ["--list-delay-ms", "3000"], timeout: 200)
        let start = ContinuousClock.now
        await #expect {
            _ = try await hub.connect()
        } throws: { error in
            "\(error)".contains("took longer than mcp_list_timeout_ms (200 ms)")
        }
        #expect(ContinuousClock.now - start < .seconds(3), "the listing was abandoned at the limit")
        #expect(hub.status.first?.failure?.contains("mcp_list_timeout_ms (200 ms)") == true)
        await hub.stop()
    }

    @Test func stopEndsTheChildProcess() async throws {
        let file = MCPTestProcess.temporaryPath("tools")
        let hub = Self.hub("c", toolsFile: file)
        _ = try await hub.connect()
        let pid = try #require(hub.childProcessIDs.first)
        #expect(MCPTestProcess.isRunning(pid))
        await hub.stop()
        #expect(!MCPTestProcess.isRunning(pid))
        #expect(hub.childProcessIDs.isEmpty)
        // A reload after stop (e.g. SIGHUP during shutdown) starts no new child.
        let late = await hub.refresh()
        #expect(late.failures.first?.message == "the MCP hub is stopped")
        #expect(hub.childProcessIDs.isEmpty)
    }

    @Test func mergeKeepsTheCatalogsToolOnAClash() throws {
        let catalog = try catalog(toolset(#"{"name": "m_add", "description": "catalog add", "parameters": {"type": "object"}, "effect": "read", "binding": {"type": "builtin", "function": "math_add"}}"#))
        let server = MCPServerConfig(name: "m", transport: .stdio(command: ["/bin/true"]))
        let fromMCP = [
            ToolDefinition(name: "m_add", description: "mcp add", parameters: catalog.tools[0].parameters, effect: .read, binding: .mcp(server: server.name, tool: "add")),
            ToolDefinition(name: "m_other", description: "mcp other", parameters: catalog.tools[0].parameters, effect: .read, binding: .mcp(server: server.name, tool: "other")),
        ]
        let (merged, clashes) = MCPToolHub.merge(catalog, fromMCP)
        #expect(clashes == ["m_add"])
        #expect(merged["m_add"]?.description == "catalog add")
        #expect(merged["m_other"] != nil)
    }
}
