import Catalog
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Ranking
import Synchronization
import Testing

@Suite struct ToolsReloadTests {
    @Test func adminReloadSwapsTheIndexAndReportsIt() async throws {
        let service = try await ToolsFixture.alternatingService()
        try await ToolsRoutesTests.server(service).makeApplication().test(.router) { client in
            #expect(try await client.execute(uri: "/v1/tools/news_headlines", method: .get).status == .notFound)
            let before = try await client.execute(uri: "/v1/admin/catalog", method: .get)
            #expect(before.json["generation"] as? Int == 1)
            let oldHash = try #require(before.json["content_hash"] as? String)

            let reload = try await client.execute(uri: "/v1/admin/reload", method: .post)
            #expect(reload.status == .ok, "\(reload.text)")
            #expect(reload.json["status"] as? String == "reloaded")
            #expect(reload.json["changed"] as? Bool == true)
            #expect(reload.json["previous_content_hash"] as? String == oldHash)
            let catalog = try #require(reload.json["catalog"] as? [String: Any])
            #expect(catalog["generation"] as? Int == 2)
            #expect(catalog["tools"] as? Int == ToolsFixture.toolsB.count)
            #expect(catalog["mode"] as? String == "bm25")
            #expect((catalog["embedder"] as? [String: Any])?["kind"] as? String == "none")

            #expect(try await client.execute(uri: "/v1/tools/news_headlines", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/v1/tools/random_number", method: .get).status == .notFound)
            let search = try await ToolsRoutesTests.search(client, #"{"query": "news headlines today"}"#)
            #expect((search.json["results"] as? [[String: Any]])?.first?["name"] as? String == "news_headlines")
        }
    }

    @Test func failedReloadKeepsTheIndexAndReportsEveryProblem() async throws {
        let good = try await ToolsFixture.snapshot(try ToolsFixture.catalog(ToolsFixture.toolsA))
        let broken = #"{"tools": [{"name": "in", "description": "x", "parameters": {"type": "object"}, "effect": "read", "binding": {"type": "builtin", "function": "f"}}, {"name": "b", "parameters": {"type": "strin"}, "effect": "read", "binding": {"type": "builtin", "function": "f"}}]}"#
        let attempt = Locked(0)
        let service = ToolCatalogService(snapshot: good) { _ in
            let n = attempt.withLock { a -> Int in
                a += 1
                return a
            }
            if n == 1 { return try await ToolsFixture.snapshot(try Catalog.load(sources: [CatalogSource(name: "bad/tools.json", text: broken)])) }
            return good
        }
        let readiness = ReadinessRegistry()
        readiness.register("catalog") { service.readiness }
        try await ToolsRoutesTests.server(service, readiness: readiness).makeApplication().test(.router) { client in
            let reload = try await client.execute(uri: "/v1/admin/reload", method: .post)
            #expect(reload.status == .unprocessableContent)
            #expect(reload.error["type"] as? String == "catalog_invalid")
            let issues = try #require(reload.error["issues"] as? [[String: Any]])
            #expect(issues.count >= 3, "\(reload.text)")
            #expect(issues.allSatisfy { $0["file"] as? String == "bad/tools.json" })
            let paths = Set(issues.compactMap { $0["path"] as? String })
            #expect(paths.contains("$.tools[0].name"), "\(paths)")
            #expect(paths.contains("$.tools[1].description"), "\(paths)")
            #expect(paths.contains("$.tools[1].parameters.type"), "\(paths)")
            #expect((reload.error["served"] as? [String: Any])?["generation"] as? Int == 1)

            // Still serving, still ready, and saying the reload failed.
            let search = try await ToolsRoutesTests.search(client, #"{"query": "square root"}"#)
            #expect(search.status == .ok)
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.text.contains("the last reload failed"))
            #expect(ready.text.contains("bad/tools.json"))
            let status = try await client.execute(uri: "/v1/admin/catalog", method: .get)
            #expect((status.json["last_reload_error"] as? String)?.contains("$.tools[1].parameters.type") == true)

            // The next good reload clears the failure.
            #expect(try await client.execute(uri: "/v1/admin/reload", method: .post).status == .ok)
            let cleared = try await client.execute(uri: "/ready", method: .get)
            #expect(!cleared.text.contains("the last reload failed"))
        }
    }

    @Test func searchesDuringReloadsAllSucceedOnOneConsistentSnapshot() async throws {
        let service = try await ToolsFixture.alternatingService(embedder: WordHashEmbedder())
        let namesA = Set(try ToolsFixture.catalog(ToolsFixture.toolsA).names)
        let namesB = Set(try ToolsFixture.catalog(ToolsFixture.toolsB).names)
        let hashes: Set<String> = [try ToolsFixture.catalog(ToolsFixture.toolsA).contentHash, try ToolsFixture.catalog(ToolsFixture.toolsB).contentHash]
        let queries = ["weather in paris", "random number please", "news headlines", "convert celsius", "stock price of apple", "where is the eiffel tower"]
        try await ToolsRoutesTests.server(service).makeApplication().test(.router) { client in
            let outcomes = try await withThrowingTaskGroup(of: [String].self) { group in
                group.addTask {
                    var problems: [String] = []
                    for _ in 0..<30 {
                        let reload = try await client.execute(uri: "/v1/admin/reload", method: .post)
                        if reload.status != .ok { problems.append("reload: \(reload.status) \(reload.text)") }
                    }
                    return problems
                }
                for worker in 0..<4 {
                    group.addTask {
                        var problems: [String] = []
                        for i in 0..<60 {
                            let query = queries[(i + worker) % queries.count]
                            let response = try await ToolsRoutesTests.search(client, #"{"query": "\#(query)", "k": 5}"#)
                            guard response.status == .ok else {
                                problems.append("search: \(response.status) \(response.text)")
                                continue
                            }
                            let names = Set((response.json["results"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
                            let hash = response.json["content_hash"] as? String ?? ""
                            if !hashes.contains(hash) { problems.append("unknown content hash \(hash)") }
                            if !names.isSubset(of: namesA) && !names.isSubset(of: namesB) { problems.append("mixed snapshot: \(names)") }
                            if response.json["mode"] as? String != "hybrid" { problems.append("mode \(response.json["mode"] ?? "nil")") }
                        }
                        return problems
                    }
                }
                var all: [String] = []
                for try await problems in group { all += problems }
                return all
            }
            #expect(outcomes.isEmpty, "\(outcomes.prefix(5))")
        }
        #expect(service.generation == 31)
    }

    @Test func reloadsRunOneAtATimeInOrder() async throws {
        let running = Locked((now: 0, most: 0))
        let loads = Locked(0)
        let snapshot = try await ToolsFixture.snapshot(try ToolsFixture.catalog(ToolsFixture.toolsA))
        let service = ToolCatalogService(snapshot: snapshot) { _ in
            running.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
            try await Task.sleep(for: .milliseconds(5))
            running.withLock { $0.now -= 1 }
            loads.withLock { $0 += 1 }
            return snapshot
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { await service.reload() } }
        }
        #expect(running.withLock { $0.most } == 1)
        #expect(loads.withLock { $0 } == 8)
        #expect(service.generation == 9)
    }

    @Test func firstLoadFailureIsNotReady() async throws {
        let service = ToolCatalogService { _ in throw ReloadFailure(message: "the catalog directory vanished") }
        let outcome = await service.reload()
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.message == "the catalog directory vanished")
        #expect(service.readiness.ready == false)
        #expect(service.readiness.message.contains("vanished"))
        #expect(throws: ToolCatalogNotLoaded.self) { try service.currentSnapshot() }
    }

    @Test func selectToolsReturnsDefinitionsBestFirst() async throws {
        let service = try await ToolsFixture.alternatingService()
        let selected = try await service.selectTools(query: "exchange rate euros to dollars", k: 3)
        #expect(selected.first?.definition.name == "currency_exchange")
        #expect(selected.count <= 3)
        #expect(zip(selected, selected.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(service.tools(named: ["math_sqrt", "nope", "send_email"]).map(\.name) == ["math_sqrt", "send_email"])
    }
}
