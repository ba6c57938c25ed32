import CurlHTTP
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `quiver serve` with an MCP server (`MCPTestServer` over stdio), as the real binary over real HTTP:
/// reloads re-list MCP tools into search and plans, catalog changes reach `/v1/plans/run` without a
/// restart, and SIGTERM leaves no child process behind.
@Suite(.serialized) struct ServeMCPTests {
    static var mcpServerPath: String {
        URL(fileURLWithPath: QuiverProcess.binaryPath).deletingLastPathComponent().appendingPathComponent("MCPTestServer").path
    }

    static func runPlan(_ client: CurlClient, _ base: String, _ plan: String) async throws -> (Int, [String: Any]) {
        let body = try JSONSerialization.data(withJSONObject: ["plan": plan])
        let response = try await client.post(base + "/v1/plans/run", headers: [("Content-Type", "application/json")], body: Array(body))
        return (response.status, ServeCatalogTests.json(response))
    }

    static func searchNames(_ client: CurlClient, _ base: String, _ query: String) async throws -> [String] {
        let body = try JSONSerialization.data(withJSONObject: ["query": query, "k": 5])
        let response = try await client.post(base + "/v1/tools/search", headers: [("Content-Type", "application/json")], body: Array(body))
        return (ServeCatalogTests.json(response)["results"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test func reloadsReachPlansAndSearchAndShutdownEndsTheMCPChild() async throws {
        let catalog = try CatalogFixtures.copyOfBundled()
        let data = try CatalogFixtures.temporaryDirectory("quiver-data")
        let toolsFile = data + "/mcp-tools.txt"
        let pidFile = data + "/mcp.pid"
        try CatalogFixtures.write(toolsFile, "")
        defer {
            try? FileManager.default.removeItem(atPath: catalog)
            try? FileManager.default.removeItem(atPath: data)
        }
        let command = "t=\(Self.mcpServerPath) --tools-file \(toolsFile) --pid-file \(pidFile)"
        let (quiver, base, client) = try await ServeCatalogTests.start(
            catalog: catalog, data: data, extra: ["--model-dir", data + "/no-model", "--tools-mcp-servers=" + command])
        defer { client.shutdown() }

        let ready = try await client.get(base + "/ready")
        #expect(ready.text.contains("t: 4 tools"), "\(ready.text)")
        let pid = try #require(Int32((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""), "the MCP child wrote its pid")

        // MCP tools are ranked by search and callable by plans.
        #expect(try await Self.searchNames(client, base, "echo the arguments as JSON").contains("t_echo"))
        var (status, body) = try await Self.runPlan(client, base, "return t_add(a: 1, b: 2);")
        #expect(status == 200, "\(body)")
        #expect(body["result"] as? Double == 3)

        // A new catalog tool and a new MCP tool: both reach search and plans after a reload, no restart.
        (status, _) = try await Self.runPlan(client, base, "return add_again(a: 1, b: 2);")
        #expect(status == 422)
        try CatalogFixtures.write(
            catalog + "/zz-new.json",
            #"{"tools": [{"name": "add_again", "description": "Add two numbers once more.", "parameters": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}, "required": ["a", "b"]}, "effect": "read", "binding": {"type": "builtin", "function": "math_add"}}]}"#)
        try CatalogFixtures.write(toolsFile, "zebra_stripes\n")
        let reload = try await client.post(base + "/v1/admin/reload", body: [])
        #expect(reload.status == 200, "\(reload.text)")
        (status, body) = try await Self.runPlan(client, base, "return [add_again(a: 1, b: 2), t_zebra_stripes(n: 1).tool];")
        #expect(status == 200, "\(body)")
        #expect("\(body["result"] ?? "")".contains("zebra_stripes"), "\(body)")
        #expect(try await Self.searchNames(client, base, "test tool zebra_stripes from the tools file").contains("t_zebra_stripes"))
        #expect(try await client.get(base + "/v1/tools/t_zebra_stripes").status == 200)
        let samePID = Int32((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "")
        #expect(samePID == pid, "the reload re-listed over the same child")

        // Removed again: gone from plans after the next reload (SIGHUP this time).
        try FileManager.default.removeItem(atPath: catalog + "/zz-new.json")
        quiver.signal(SIGHUP)
        var gone = false
        for _ in 0..<200 where !gone {
            gone = try await client.get(base + "/v1/tools/add_again").status == 404
            if !gone { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(gone)
        (status, body) = try await Self.runPlan(client, base, "return add_again(a: 1, b: 2);")
        #expect(status == 422, "\(body)")

        // A listing failure shows in /ready; the previous MCP tools are still served.
        try CatalogFixtures.write(toolsFile, "zebra_stripes\n!error\n")
        _ = try await client.post(base + "/v1/admin/reload", body: [])
        let degraded = try await client.get(base + "/ready")
        #expect(degraded.text.contains("t: listing failed"), "\(degraded.text)")
        #expect(degraded.text.contains("listing broken on purpose"), "\(degraded.text)")
        #expect(quiver.stderr.contains("MCP server could not be listed"))
        (status, body) = try await Self.runPlan(client, base, "return t_zebra_stripes().tool;")
        #expect(status == 200, "\(body)")

        // SIGTERM: the server stops and so does every MCP child.
        let child = Int32((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "") ?? pid
        quiver.signal(SIGTERM)
        #expect(try await quiver.waitForExit() == 0)
        #expect(kill(child, 0) != 0 || Self.isZombie(child), "the MCP child \(child) outlived the server")
        #expect(quiver.stderr.contains("MCP servers stopped"))
    }

    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first == "Z"
    }
}
