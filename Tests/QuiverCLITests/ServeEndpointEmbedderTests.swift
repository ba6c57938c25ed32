import CurlHTTP
import Foundation
import TestKit
import Testing

/// `quiver serve` without a model but with an embeddings endpoint (a fake OpenAI-compatible server).
@Suite(.serialized) struct ServeEndpointEmbedderTests {
    @Test func usesTheEndpointWhenNoModelIsInstalled() async throws {
        let fake = try FakeOpenAIServer()
        let data = try CatalogFixtures.temporaryDirectory("quiver-data")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (quiver, base, client) = try await ServeCatalogTests.start(
            catalog: CatalogFixtures.bundled, data: data,
            extra: ["--model-dir", data + "/no-model", "--embeddings-base-url", fake.baseURL, "--embeddings-model", "fake-embed"])
        defer { client.shutdown() }
        let ready = try await client.get(base + "/ready")
        #expect(ready.text.contains("hybrid search"), "\(ready.text)")
        #expect(ready.text.contains("embeddings endpoint \(fake.baseURL), model fake-embed (3 dimensions)"), "\(ready.text)")
        let status = ServeCatalogTests.json(try await client.get(base + "/v1/admin/catalog"))
        let embedder = status["embedder"] as? [String: Any]
        #expect(embedder?["kind"] as? String == "endpoint")
        #expect(embedder?["model_id"] as? String == "endpoint:fake-embed@\(fake.baseURL)")
        let search = try await client.post(
            base + "/v1/tools/search", headers: [("Content-Type", "application/json")], body: Array(#"{"query": "weather forecast", "k": 3}"#.utf8))
        #expect(search.status == 200)
        #expect(ServeCatalogTests.json(search)["mode"] as? String == "hybrid", "\(search.text)")
        #expect(fake.requests.contains { $0.path.hasSuffix("/embeddings") && $0.body.contains("fake-embed") })
        quiver.signal(SIGTERM)
        #expect(try await quiver.waitForExit() == 0)
        await fake.stop()
    }

    @Test func anEndpointThatFailsLeavesBM25AndSaysWhy() async throws {
        let data = try CatalogFixtures.temporaryDirectory("quiver-data")
        defer { try? FileManager.default.removeItem(atPath: data) }
        // Port 9 (discard) on localhost: nothing listens, connections are refused.
        let (quiver, base, client) = try await ServeCatalogTests.start(
            catalog: CatalogFixtures.bundled, data: data,
            extra: ["--model-dir", data + "/no-model", "--embeddings-base-url", "http://127.0.0.1:9/v1", "--embeddings-model", "m"])
        defer { client.shutdown() }
        let ready = try await client.get(base + "/ready")
        #expect(ready.status == 200)
        #expect(ready.text.contains("BM25 only: the embeddings endpoint http://127.0.0.1:9/v1 failed"), "\(ready.text)")
        #expect(ready.text.contains("scripts/install-model"))
        quiver.signal(SIGTERM)
        #expect(try await quiver.waitForExit() == 0)
    }
}
