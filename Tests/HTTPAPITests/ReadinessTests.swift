import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ReadinessTests {
    @Test func readyOnlyWhenEveryCheckPasses() async throws {
        let readiness = ReadinessRegistry()
        let index = ReadinessFlag(initialMessage: "loading catalog")
        readiness.register("catalog") { index.report }
        readiness.register("embedder") { .ready("BM25 only: no embedding model configured") }
        try await makeServer(readiness: readiness).makeApplication().test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.json["status"] as? String == "not_ready")
                let checks = try #require(response.json["checks"] as? [[String: Any]])
                #expect(checks.map { $0["name"] as? String } == ["catalog", "embedder"])
                #expect(checks.first?["ready"] as? Bool == false)
                #expect(checks.first?["message"] as? String == "loading catalog")
                #expect(checks.last?["message"] as? String == "BM25 only: no embedding model configured")
            }
            index.set(.ready("12 tools"))
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "ready")
            }
            // Liveness does not depend on readiness.
            index.set(.notReady("reloading"))
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "ok")
            }
        }
    }

    @Test func slowCheckCountsAsNotReady() async throws {
        let readiness = ReadinessRegistry(timeout: .milliseconds(50))
        readiness.register("slow") {
            try? await Task.sleep(for: .milliseconds(400))
            return .ready()
        }
        let results = await readiness.evaluate()
        #expect(results.count == 1)
        #expect(results.first?.report.ready == false)
        #expect(results.first?.report.message.contains("did not answer") == true)
    }

    @Test func registeringTheSameNameReplaces() async {
        let readiness = ReadinessRegistry()
        readiness.register("a") { .notReady("old") }
        readiness.register("a") { .ready("new") }
        #expect(readiness.names == ["a"])
        #expect(await readiness.evaluate().first?.report.message == "new")
    }
}
