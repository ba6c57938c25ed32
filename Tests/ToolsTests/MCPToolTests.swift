import Catalog
import Foundation
import Sandbox
import Testing
import Tools

/// Against a real MCP server over stdio: `MCPTestServer`, built with the Swift MCP SDK.
@Suite(.serialized) struct MCPToolTests {
    static var serverPath: String { MCPTestProcess.serverPath }

    @Test func toolsAreListedIntoTheCatalogAndCalled() async throws {
        let hub = MCPToolHub(servers: [MCPServerConfig(name: "test", transport: .stdio(command: [Self.serverPath]))])
        let listed = try await hub.connect()
        let names = Set(listed.map(\.name))
        #expect(names.isSuperset(of: ["test_add", "test_echo", "test_fail", "test_slow"]))
        let add = try #require(listed.first { $0.name == "test_add" })
        #expect(add.parameters.required.sorted() == ["a", "b"])
        #expect(add.effect == .read)
        #expect(listed.first { $0.name == "test_fail" }?.effect == .read)

        let ex = CatalogToolExecutor(catalog: Catalog(tools: listed), mcp: hub)
        let sum = try await run("return test_add(a: 2, b: 3.5);", ex)
        #expect(sum.value.map { if case .double(5.5) = $0 { true } else { false } } == true, "\(message(sum))")

        let echo = try await run(#"return test_echo(word: "héllo", n: 3, xs: [1, true]);"#, ex)
        let echoed = try #require(echo.value, "\(message(echo))")
        #expect(echoed["word"].map { if case .string("héllo") = $0 { true } else { false } } == true)

        let fail = try await run("return test_fail();", ex)
        #expect(message(fail).contains("failed on purpose"))

        // Arguments are validated against the server's schema before the call.
        let bad = try await run(#"return test_add(a: "two", b: 1);"#, ex)
        #expect(message(bad).contains("$.a"))
        await hub.stop()
    }

    @Test func slowMCPToolsHitTheirTimeout() async throws {
        let hub = MCPToolHub(servers: [MCPServerConfig(name: "m", transport: .stdio(command: [Self.serverPath]))])
        let listed = try await hub.connect()
        var settings = ToolExecutorSettings()
        settings.timeoutMilliseconds = 150
        let ex = CatalogToolExecutor(catalog: Catalog(tools: listed), settings: settings, mcp: hub)
        let outcome = try await run("return m_slow(ms: 2000);", ex)
        #expect(message(outcome).contains("timeout_ms (150 ms)"))
        let quick = try await run("return m_slow(ms: 1).slept_ms;", ex)
        #expect(quick.value != nil, "\(message(quick))")
        await hub.stop()
    }

    @Test func configParsing() {
        #expect(MCPServerConfig(parsing: "files=/usr/bin/mcp-files --root /tmp")?.transport == .stdio(command: ["/usr/bin/mcp-files", "--root", "/tmp"]))
        #expect(MCPServerConfig(parsing: "remote=https://mcp.example.com/mcp")?.transport == .http(url: "https://mcp.example.com/mcp"))
        #expect(MCPServerConfig(parsing: "no-equals") == nil)
        #expect(MCPServerConfig(parsing: "bad name=/bin/x") == nil)
    }
}
