import CurlHTTP
import Foundation
import Testing

/// `quiver serve` with a catalog, as the real binary over real HTTP.
@Suite(.serialized) struct ServeCatalogTests {
    /// Starts `quiver serve` on a free port and waits until `/ready` answers 200.
    static func start(catalog: String, data: String, extra: [String] = []) async throws -> (QuiverProcess, String, CurlClient) {
        let quiver = try QuiverProcess(
            ["serve", "--config", try emptyConfigFile(), "--port", "0", "--log-format", "json", "--catalog", catalog, "--data-dir", data] + extra)
        let port = try await quiver.waitForPort()
        let base = "http://127.0.0.1:\(port)"
        let client = try CurlClient()
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if try await client.get(base + "/ready").status == 200 { return (quiver, base, client) }
            try await Task.sleep(for: .milliseconds(100))
        }
        client.shutdown()
        throw ProcessFailure(message: "quiver never became ready: \(quiver.stderr)")
    }

    static func json(_ response: CurlResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    @Test func catalogErrorsStopStartUpWithExitCode2NamingFileAndPath() async throws {
        let dir = try CatalogFixtures.broken()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let quiver = try QuiverProcess(["serve", "--config", try emptyConfigFile(), "--port", "0", "--catalog", dir])
        let exit = try await quiver.waitForExit()
        #expect(exit == 2)
        let stderr = quiver.stderr
        #expect(stderr.contains("catalog has 3 problems"), "\(stderr)")
        #expect(stderr.contains("\(dir)/a.json: $.tools[0].name: "), "\(stderr)")
        #expect(stderr.contains("\(dir)/a.json: $.tools[1].parameters.properties.id.type: "), "\(stderr)")
        #expect(stderr.contains("\(dir)/b.json: $.tools[0].name: duplicate tool name"), "\(stderr)")
        #expect(!stderr.contains("listening"))

        let missing = try QuiverProcess(["serve", "--config", try emptyConfigFile(), "--port", "0", "--catalog", "/nonexistent/catalog"])
        #expect(try await missing.waitForExit() == 2)
        #expect(missing.stderr.contains("/nonexistent/catalog: cannot read the catalog directory"))
    }

    @Test func withoutAModelItRanksWithBM25AndSaysSoThenReloadsOnSIGHUP() async throws {
        let catalog = try CatalogFixtures.copyOfBundled()
        let data = try CatalogFixtures.temporaryDirectory("quiver-data")
        defer {
            try? FileManager.default.removeItem(atPath: catalog)
            try? FileManager.default.removeItem(atPath: data)
        }
        let (quiver, base, client) = try await Self.start(catalog: catalog, data: data, extra: ["--model-dir", data + "/no-model"])
        defer { client.shutdown() }

        let ready = try await client.get(base + "/ready")
        #expect(ready.text.contains("BM25 only: no embedding model at \(data)/no-model"), "\(ready.text)")
        #expect(ready.text.contains("bash scripts/install-model \(data)/no-model"), "\(ready.text)")
        #expect(quiver.stderr.contains("BM25 only"), "the log says it too")

        let search = try await client.post(base + "/v1/tools/search", headers: [("Content-Type", "application/json")], body: Array(#"{"query": "weather forecast for tomorrow", "k": 3}"#.utf8))
        #expect(search.status == 200)
        let body = Self.json(search)
        #expect(body["mode"] as? String == "bm25")
        #expect((body["results"] as? [[String: Any]])?.first?["name"] as? String == "weather_forecast", "\(search.text)")

        // SIGHUP picks up a new tool.
        #expect(try await client.get(base + "/v1/tools/word_tally").status == 404)
        try CatalogFixtures.addTool(named: "word_tally", to: catalog)
        quiver.signal(SIGHUP)
        var found = false
        for _ in 0..<200 where !found {
            found = try await client.get(base + "/v1/tools/word_tally").status == 200
            if !found { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(found, "\(quiver.stderr)")
        #expect(quiver.stderr.contains("SIGHUP: reloading the catalog"))

        // A broken catalog: the reload fails with every problem and the index stays.
        try CatalogFixtures.write(catalog + "/zz-broken.json", #"{"tools": [{"name": "word_tally", "description": "dup", "parameters": {"type": "object"}, "effect": "read", "binding": {"type": "builtin", "function": "x"}}]}"#)
        let failed = try await client.post(base + "/v1/admin/reload", body: [])
        #expect(failed.status == 422)
        #expect(failed.text.contains("zz-broken.json"))
        #expect(failed.text.contains("$.tools[0].name"))
        #expect(try await client.get(base + "/v1/tools/word_tally").status == 200)
        let stillReady = try await client.get(base + "/ready")
        #expect(stillReady.status == 200)
        #expect(stillReady.text.contains("the last reload failed"))

        quiver.signal(SIGTERM)
        #expect(try await quiver.waitForExit() == 0)
    }

    @Test func withTheModelItSearchesHybridAndReusesTheEmbeddingCache() async throws {
        let model = try #require(CatalogFixtures.modelDirectory, "all-MiniLM-L6-v2 is not installed: run `bash scripts/install-model` (or set QUIVER_MODEL_DIR)")
        let data = try CatalogFixtures.temporaryDirectory("quiver-data")
        defer { try? FileManager.default.removeItem(atPath: data) }
        for run in 1...2 {
            let (quiver, base, client) = try await Self.start(catalog: CatalogFixtures.bundled, data: data, extra: ["--model-dir", model])
            let ready = try await client.get(base + "/ready")
            #expect(ready.text.contains("hybrid search"), "\(ready.text)")
            #expect(ready.text.contains("in-process all-MiniLM-L6-v2@"), "\(ready.text)")
            let status = Self.json(try await client.get(base + "/v1/admin/catalog"))
            let cache = status["cache"] as? [String: Any]
            #expect(cache?["status"] as? String == (run == 1 ? "created" : "loaded"), "run \(run): \(status)")
            #expect(status["bm25_cache"] as? String == (run == 1 ? "created" : "loaded"), "run \(run): \(status)")
            let search = try await client.post(
                base + "/v1/tools/search", headers: [("Content-Type", "application/json")],
                body: Array(#"{"query": "will it rain in Oslo tomorrow?", "k": 3}"#.utf8))
            let body = Self.json(search)
            #expect(body["mode"] as? String == "hybrid")
            let results = body["results"] as? [[String: Any]] ?? []
            #expect(results.prefix(3).contains { $0["name"] as? String == "weather_forecast" }, "\(search.text)")
            #expect(results.allSatisfy { ($0["semantic"] as? NSNumber) != nil })
            client.shutdown()
            quiver.signal(SIGTERM)
            #expect(try await quiver.waitForExit() == 0)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: data + "/cache/embeddings")
        // One vector file for the model, one BM25 index file.
        #expect(files.count == 2, "\(files)")
        #expect(files.contains { $0.hasPrefix("catalog.") && $0.hasSuffix(".384.qvec") }, "\(files)")
        #expect(files.contains("catalog.bm25"), "\(files)")
    }
}
