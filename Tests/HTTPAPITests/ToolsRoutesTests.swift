import Catalog
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Ranking
import Synchronization
import Testing

@Suite struct ToolsRoutesTests {
    static func server(_ service: ToolCatalogService, readiness: ReadinessRegistry = ReadinessRegistry()) -> APIServer {
        makeServer(groups: [ToolsRoutes(service: service), AdminRoutes(service: service)], readiness: readiness)
    }

    static func bm25Service() async throws -> ToolCatalogService {
        let snapshot = try await ToolsFixture.snapshot(try ToolsFixture.catalog(ToolsFixture.toolsA))
        return ToolCatalogService(snapshot: snapshot) { _ in snapshot }
    }

    static func search(_ client: some TestClientProtocol, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: "/v1/tools/search", method: .post, headers: jsonHeaders, body: jsonBody(body))
    }

    @Test func listPagesThroughEveryToolInNameOrder() async throws {
        let service = try await Self.bm25Service()
        try await Self.server(service).makeApplication().test(.router) { client in
            var names: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/v1/tools?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
                let json = response.json
                #expect(json["total"] as? Int == ToolsFixture.toolsA.count)
                let tools = try #require(json["tools"] as? [[String: Any]])
                #expect(tools.count <= 3)
                #expect(tools.allSatisfy { $0["signature"] is String && $0["effect"] as? String == "read" && $0["binding"] as? String == "builtin" })
                names += tools.compactMap { $0["name"] as? String }
                cursor = json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 4)
            #expect(names == names.sorted())
            #expect(Set(names) == Set(try ToolsFixture.catalog(ToolsFixture.toolsA).names))
        }
    }

    @Test func listRejectsBadLimitAndCursorNamingTheField() async throws {
        let service = try await Self.bm25Service()
        try await Self.server(service).makeApplication().test(.router) { client in
            for (uri, field) in [
                ("/v1/tools?limit=0", "limit"), ("/v1/tools?limit=501", "limit"), ("/v1/tools?limit=ten", "limit"),
                ("/v1/tools?cursor=not%20a%20name", "cursor"),
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.error["field"] as? String == field, "\(uri): \(response.text)")
                #expect(response.error["type"] as? String == "invalid_request")
            }
            // The default page holds all ten tools and is the last one.
            let all = try await client.execute(uri: "/v1/tools", method: .get)
            #expect((all.json["tools"] as? [Any])?.count == 10)
            #expect(all.json["next_cursor"] is NSNull)
        }
    }

    @Test func getToolReturnsTheDefinitionOr404() async throws {
        let service = try await Self.bm25Service()
        try await Self.server(service).makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/v1/tools/weather_forecast", method: .get)
            #expect(response.status == .ok)
            let json = response.json
            #expect(json["name"] as? String == "weather_forecast")
            #expect(json["signature"] as? String == "weather_forecast(city?: string)")
            #expect(json["file"] as? String == "test/tools.json")
            let parameters = try #require(json["parameters"] as? [String: Any])
            #expect((parameters["properties"] as? [String: Any])?["city"] != nil)

            let missing = try await client.execute(uri: "/v1/tools/no_such_tool", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(missing.error["type"] as? String == "not_found")
            #expect(missing.error["name"] as? String == "no_such_tool")
        }
    }

    @Test func bm25SearchRanksBestFirst() async throws {
        let service = try await Self.bm25Service()
        try await Self.server(service).makeApplication().test(.router) { client in
            let response = try await Self.search(client, #"{"query": "convert a temperature from celsius to fahrenheit", "k": 3}"#)
            #expect(response.status == .ok, "\(response.text)")
            let json = response.json
            #expect(json["mode"] as? String == "bm25")
            #expect(json["k"] as? Int == 3)
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(!results.isEmpty && results.count <= 3)
            #expect(results.first?["name"] as? String == "convert_temperature")
            let scores = results.compactMap { ($0["score"] as? NSNumber)?.doubleValue }
            #expect(scores.count == results.count)
            #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 })
            #expect(results.allSatisfy { $0["semantic"] is NSNull && ($0["bm25"] as? NSNumber) != nil })
            #expect(results.first?["signature"] as? String == "convert_temperature(unit?: string)")
        }
    }

    @Test func searchDefaultsKAndModeAndFiltersIrrelevantTools() async throws {
        let service = try await Self.bm25Service()
        try await Self.server(service).makeApplication().test(.router) { client in
            let response = try await Self.search(client, #"{"query": "stock price"}"#)
            #expect(response.status == .ok)
            #expect(response.json["k"] as? Int == 10)
            let names = (response.json["results"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
            #expect(names.first == "stock_quote")
            // The threshold filters tools that share no word with the query.
            #expect(!names.contains("send_email"))
        }
    }

    @Test func searchValidationErrorsNameTheField() async throws {
        let service = try await Self.bm25Service()
        try await Self.server(service).makeApplication().test(.router) { client in
            let long = String(repeating: "a", count: 8193)
            let cases: [(String, String)] = [
                (#"{"k": 3}"#, "query"),
                (#"{"query": "   "}"#, "query"),
                (#"{"query": "\#(long)"}"#, "query"),
                (#"{"query": "weather", "k": 0}"#, "k"),
                (#"{"query": "weather", "k": 201}"#, "k"),
                (#"{"query": "weather", "k": "three"}"#, "k"),
                (#"{"query": "weather", "mode": "fuzzy"}"#, "mode"),
                (#"{"query": "weather", "mode": "semantic"}"#, "mode"),
                (#"{"query": 7}"#, "query"),
            ]
            for (body, field) in cases {
                let response = try await Self.search(client, body)
                #expect(response.status == .badRequest, "\(body.prefix(60))")
                #expect(response.error["field"] as? String == field, "\(body.prefix(60)): \(response.text.prefix(300))")
            }
            let malformed = try await Self.search(client, #"{"query": "weather""#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.error["type"] as? String == "malformed_json")
        }
    }

    @Test func hybridSearchReportsBothSignals() async throws {
        let catalog = try ToolsFixture.catalog(ToolsFixture.toolsA)
        let snapshot = try await ToolsFixture.snapshot(catalog, embedder: WordHashEmbedder())
        let service = ToolCatalogService(snapshot: snapshot) { _ in snapshot }
        try await Self.server(service).makeApplication().test(.router) { client in
            let response = try await Self.search(client, #"{"query": "translate this text into another language", "k": 5}"#)
            #expect(response.status == .ok)
            #expect(response.json["mode"] as? String == "hybrid")
            let results = try #require(response.json["results"] as? [[String: Any]])
            #expect(results.first?["name"] as? String == "translate_text")
            #expect(results.allSatisfy { ($0["semantic"] as? NSNumber) != nil })

            for mode in ["bm25", "semantic"] {
                let one = try await Self.search(client, #"{"query": "translate text", "k": 2, "mode": "\#(mode)"}"#)
                #expect(one.status == .ok)
                #expect(one.json["mode"] as? String == mode)
            }
        }
    }

    @Test func autoSearchFallsBackToBM25WhenTheEmbedderFails() async throws {
        let catalog = try ToolsFixture.catalog(ToolsFixture.toolsA)
        // The index build embeds the catalog in one call; every query embedding then fails.
        let snapshot = try await ToolsFixture.snapshot(catalog, embedder: WordHashEmbedder(failAfterCalls: 1))
        let service = ToolCatalogService(snapshot: snapshot) { _ in snapshot }
        try await Self.server(service).makeApplication().test(.router) { client in
            let auto = try await Self.search(client, #"{"query": "square root of a number"}"#)
            #expect(auto.status == .ok)
            #expect(auto.json["mode"] as? String == "bm25")
            #expect((auto.json["results"] as? [[String: Any]])?.first?["name"] as? String == "math_sqrt")
            let hybrid = try await Self.search(client, #"{"query": "square root of a number", "mode": "hybrid"}"#)
            #expect(hybrid.status == .serviceUnavailable)
            #expect(hybrid.error["type"] as? String == "embedder_unavailable")
        }
    }

    @Test func routesAnswer503AndReadyWaitsUntilTheIndexIsBuilt() async throws {
        let gate = AsyncGate()
        let catalog = try ToolsFixture.catalog(ToolsFixture.toolsA)
        let service = ToolCatalogService { _ in
            await gate.wait()
            return try await ToolsFixture.snapshot(catalog)
        }
        let readiness = ReadinessRegistry()
        readiness.register("catalog") { service.readiness }
        try await Self.server(service, readiness: readiness).makeApplication().test(.router) { client in
            let loading = Task { await service.reload() }
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.text.contains("loading the catalog"))
            for uri in ["/v1/tools", "/v1/tools/math_sqrt", "/v1/admin/catalog"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .serviceUnavailable, "\(uri)")
                #expect(response.headers[.retryAfter] == "1")
            }
            let search = try await Self.search(client, #"{"query": "weather"}"#)
            #expect(search.status == .serviceUnavailable)
            gate.open()
            _ = await loading.value
            let after = try await client.execute(uri: "/ready", method: .get)
            #expect(after.status == .ok)
            #expect(after.text.contains("10 tools from test"))
            #expect(after.text.contains("BM25 only"))
            #expect(after.text.contains("scripts/install-model"))
            #expect(try await Self.search(client, #"{"query": "weather"}"#).status == .ok)
        }
    }
}

/// Suspends callers until `open()`.
final class AsyncGate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resume = state.withLock { s -> Bool in
                if s.open { return true }
                s.waiters.append(continuation)
                return false
            }
            if resume { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.open = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
