import Catalog
import Foundation
import Sandbox
import TestKit
import Testing
import Tools

/// MCP over streamable HTTP: `MCPTestServer --http` (the Swift SDK's stateless HTTP server transport) on 127.0.0.1.
@Suite(.serialized) struct MCPHTTPTests {
    @Test func toolsAreListedAndCalledOverStreamableHTTP() async throws {
        let server = try MCPHTTPTestServer()
        defer { server.stop() }
        let hub = MCPToolHub(servers: [MCPServerConfig(parsing: "web=\(server.url)")].compactMap { $0 })
        let listed = try await hub.connect()
        #expect(Set(listed.map(\.name)).isSuperset(of: ["web_add", "web_echo", "web_fail", "web_slow"]))
        #expect(hub.childProcessIDs.isEmpty, "no child process for HTTP")
        let ex = CatalogToolExecutor(catalog: Catalog(tools: listed), mcp: hub)
        let sum = try await run("return web_add(a: 2, b: 3.5);", ex)
        #expect(sum.value.map { if case .double(5.5) = $0 { true } else { false } } == true, "\(message(sum))")
        let echo = try await run(#"return web_echo(word: "hi").word;"#, ex)
        #expect(echo.value.map { if case .string("hi") = $0 { true } else { false } } == true, "\(message(echo))")
        let fail = try await run("return web_fail();", ex)
        #expect(message(fail).contains("failed on purpose"))

        // The server goes away: calls fail with a clear error naming the server, and so does a re-list.
        server.stop()
        let gone = try await run("return web_add(a: 1, b: 1);", ex)
        #expect(message(gone).contains("MCP server 'web'"), "\(message(gone))")
        let listing = await hub.refresh()
        #expect(listing.failures.first?.message.contains("could not connect to \(server.url)") == true, "\(listing.failures)")
        #expect(listing.tools.count == listed.count, "its previous tools are kept")
        await hub.stop()
    }

    @Test func aServerThatAnswersWithErrorsFailsToConnectWithAClearMessage() async throws {
        let broken = try TestHTTPServer { _ in .text("upstream exploded", status: 500) }
        defer { Task { await broken.stop() } }
        let url = broken.baseURL + "/mcp"
        let hub = MCPToolHub(servers: [MCPServerConfig(name: "bad", transport: .http(url: url))], listTimeoutMilliseconds: 5000)
        await #expect {
            _ = try await hub.connect()
        } throws: { error in
            let text = "\(error)"
            return text.contains("MCP server 'bad'") && text.contains("could not connect to \(url)")
        }
        await hub.stop()
    }
}
