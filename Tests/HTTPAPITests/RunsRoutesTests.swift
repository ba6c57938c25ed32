import Analytics
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `GET /v1/runs` and `GET /v1/runs/{id}` over a real `analytics.db`, and a run recorded through a route.
@Suite struct RunsRoutesTests {
    static let base: Int64 = 1_763_000_000_000

    static func run(_ index: Int, status: String = "ok") -> RunRecord {
        RunRecord(
            id: "run-\(index)", kind: "plan_run", startedAt: base + Int64(index) * 1_000, finishedAt: base + Int64(index) * 1_000 + 40,
            status: status, errorType: status == "ok" ? nil : "tool_error", queryText: "q\(index)", apiKeyID: "key_abc",
            toolCalls: [ToolCallRecord(tool: "math.add", startedAt: base + Int64(index) * 1_000 + 1, durationMilliseconds: 3, status: status)],
            requestID: "req-\(index)")
    }

    /// A store in a fresh directory holding runs 0..<count (every third one failed).
    static func store(count: Int) throws -> (AnalyticsStore, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let store = try AnalyticsStore(settings: AnalyticsSettings(path: folder.file("analytics.db")))
        let results = store.write((0..<count).map { run($0, status: $0 % 3 == 0 ? "error" : "ok") })
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        return (store, folder)
    }

    static func ids(_ response: TestResponse) -> [String] {
        (response.json["runs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func pagesNewestFirstWithACursorUntilTheEnd() async throws {
        let (store, folder) = try Self.store(count: 7)
        defer { withExtendedLifetime(folder) {} }
        try await makeServer(groups: [RunsRoutes(store: store)]).makeApplication().test(.router) { client in
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/v1/runs?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
                let ids = Self.ids(response)
                #expect(ids.count <= 3)
                seen += ids
                cursor = response.json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == (0..<7).reversed().map { "run-\($0)" })
        }
    }

    @Test func filtersByStatusAndSince() async throws {
        let (store, folder) = try Self.store(count: 9)
        defer { withExtendedLifetime(folder) {} }
        try await makeServer(groups: [RunsRoutes(store: store)]).makeApplication().test(.router) { client in
            let errors = try await client.execute(uri: "/v1/runs?status=error", method: .get)
            #expect(Self.ids(errors) == ["run-6", "run-3", "run-0"])
            #expect(errors.json["next_cursor"] == nil)
            let since = Self.base + 5_000
            let recent = try await client.execute(uri: "/v1/runs?since=\(since)", method: .get)
            #expect(Self.ids(recent) == ["run-8", "run-7", "run-6", "run-5"])
            // The same instant as RFC 3339.
            let text = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(since) / 1000))
            let recentISO = try await client.execute(uri: "/v1/runs?since=\(text)", method: .get)
            #expect(Self.ids(recentISO) == ["run-8", "run-7", "run-6", "run-5"])
        }
    }

    @Test func badLimitCursorAndSinceAre400NamingTheField() async throws {
        let (store, folder) = try Self.store(count: 2)
        defer { withExtendedLifetime(folder) {} }
        try await makeServer(groups: [RunsRoutes(store: store)]).makeApplication().test(.router) { client in
            for (query, field) in [
                ("limit=0", "limit"), ("limit=201", "limit"), ("limit=ten", "limit"), ("cursor=bm9wZQ", "cursor"),
                ("cursor=%25%25", "cursor"), ("since=yesterday", "since"), ("status=", "status"),
            ] {
                let response = try await client.execute(uri: "/v1/runs?\(query)", method: .get)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.error["type"] as? String == "invalid_request", "\(query)")
                #expect(response.error["field"] as? String == field, "\(query): \(response.text)")
            }
            let maxPage = try await client.execute(uri: "/v1/runs?limit=200", method: .get)
            #expect(maxPage.status == .ok)
        }
    }

    @Test func oneRunHasItsTraceAndAnUnknownIdIs404() async throws {
        let (store, folder) = try Self.store(count: 3)
        defer { withExtendedLifetime(folder) {} }
        try await makeServer(groups: [RunsRoutes(store: store)]).makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/v1/runs/run-1", method: .get)
            #expect(response.status == .ok)
            #expect(response.json["id"] as? String == "run-1")
            #expect(response.json["request_id"] as? String == "req-1")
            #expect(response.json["api_key_id"] as? String == "key_abc")
            let calls = try #require(response.json["tool_calls"] as? [[String: Any]])
            #expect(calls.count == 1 && calls.first?["tool"] as? String == "math.add")
            let missing = try await client.execute(uri: "/v1/runs/run-404", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.error["type"] as? String == "not_found")
            #expect(missing.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test func withoutAStoreTheRoutesSayWhy() async throws {
        let routes = RunsRoutes(store: nil, disabledReason: "runs are not recorded: analytics.backend is none")
        try await makeServer(groups: [routes]).makeApplication().test(.router) { client in
            for uri in ["/v1/runs", "/v1/runs/x"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .serviceUnavailable)
                #expect((response.error["message"] as? String)?.contains("analytics.backend is none") == true)
            }
        }
    }

    /// A route records its run through `context.startRun` and a `RunRecorder` (durability `full`, so the
    /// record call returns after the commit); `/v1/runs` then shows it with the request id and key id.
    @Test func aRecordedRequestShowsUpInRuns() async throws {
        let folder = try TemporaryFolder()
        var settings = AnalyticsSettings(path: folder.file("analytics.db"))
        settings.durability = .full
        let store = try AnalyticsStore(settings: settings)
        let writer = AnalyticsWriter(store: store, logger: Logger(label: "test"))
        let writing = Task { try await writer.run() }
        let recorder = RunRecorder(writer: writer, metrics: nil)
        let keys = try APIKeySet(keys: ["runs-test-key-0123456789"])
        let server = makeServer(HTTPSettings(apiKeys: keys), groups: [RecordingRoutes(recorder: recorder), RunsRoutes(store: store)])
        let auth = bearer("runs-test-key-0123456789")
        try await server.makeApplication().test(.router) { client in
            var headers = auth
            headers[.xRequestID] = "client-req-7"
            let recorded = try await client.execute(uri: "/test/record", method: .post, headers: headers)
            #expect(recorded.status == .ok)
            let runID = try #require(recorded.json["run_id"] as? String)
            #expect(recorded.json["outcome"] as? String == "committed")
            #expect(recorded.json["task_local_request_id"] as? String == "client-req-7")
            let list = try await client.execute(uri: "/v1/runs", method: .get, headers: auth)
            #expect(Self.ids(list) == [runID])
            let detail = try await client.execute(uri: "/v1/runs/\(runID)", method: .get, headers: auth)
            #expect(detail.json["request_id"] as? String == "client-req-7")
            let keyID = try #require(keys.entries.first?.id)
            #expect(detail.json["api_key_id"] as? String == keyID)
            #expect(!detail.text.contains("runs-test-key-0123456789"))
            #expect(detail.json["kind"] as? String == "plan_run")
            #expect((detail.json["tool_calls"] as? [[String: Any]])?.count == 1)
            // The same request id again is a second run, not a clash.
            let again = try await client.execute(uri: "/test/record", method: .post, headers: headers)
            #expect(again.json["outcome"] as? String == "committed")
            #expect(Self.ids(try await client.execute(uri: "/v1/runs", method: .get, headers: auth)).count == 2)
        }
        writer.finish()
        try await writing.value
    }
}

/// A stand-in for the plan routes: records one tool call the way a real handler does, at the end.
struct RecordingRoutes: APIRouteGroup {
    let recorder: RunRecorder

    func register(on router: Router<QuiverRequestContext>) {
        let recorder = self.recorder
        router.post("/test/record") { _, context -> Response in
            var run = context.startRun(kind: "plan_run", queryText: "add two numbers")
            run.toolCall(ToolCallRecord(tool: "math.add", startedAt: RunRecordBuilder.nowMilliseconds(), durationMilliseconds: 0.2, status: "ok"))
            let record = run.finished(at: RunRecordBuilder.nowMilliseconds(), status: "ok")
            let outcome = await recorder.record(record)
            return try Response.json([
                "run_id": record.id, "outcome": outcome == .committed ? "committed" : "\(outcome)",
                "task_local_request_id": RequestTaskLocals.requestID ?? "",
            ])
        }
    }
}

/// A fresh directory under the temp dir, removed when released.
final class TemporaryFolder: @unchecked Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-http-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct SearchRecordingTests {
    /// `POST /v1/tools/search` records a `search` run: its query (unless query text is off), k and the
    /// ranked tools with their scores; `/v1/runs/{id}` shows it.
    @Test func aSearchIsRecordedWithItsRankedTools() async throws {
        let folder = try TemporaryFolder()
        var settings = AnalyticsSettings(path: folder.file("analytics.db"))
        settings.durability = .full
        let store = try AnalyticsStore(settings: settings)
        let writer = AnalyticsWriter(store: store, logger: Logger(label: "test"))
        let writing = Task { try await writer.run() }
        let recorder = RunRecorder(writer: writer, metrics: nil)
        let service = try await ToolsRoutesTests.bm25Service()
        let server = makeServer(groups: [ToolsRoutes(service: service, recorder: recorder, storeQueryText: false), RunsRoutes(store: store)])
        try await server.makeApplication().test(.router) { client in
            let response = try await ToolsRoutesTests.search(client, #"{"query": "convert a temperature from celsius to fahrenheit", "k": 3}"#)
            #expect(response.status == .ok)
            let ranked = (response.json["results"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(!ranked.isEmpty)
            let ids = RunsRoutesTests.ids(try await client.execute(uri: "/v1/runs", method: .get))
            let id = try #require(ids.first)
            #expect(ids.count == 1)
            let detail = try await client.execute(uri: "/v1/runs/\(id)", method: .get)
            #expect(detail.json["kind"] as? String == "search")
            #expect(detail.json["status"] as? String == "ok")
            #expect(!detail.text.contains("fahrenheit"), "query text is off: \(detail.text)")
            let searches = try #require(detail.json["searches"] as? [[String: Any]])
            #expect(searches.count == 1)
            #expect(searches.first?["k"] as? Int == 3)
            let stored = (searches.first?["results"] as? [[String: Any]] ?? []).compactMap { $0["tool"] as? String }
            #expect(stored == ranked)
        }
        writer.finish()
        try await writing.value
    }
}
