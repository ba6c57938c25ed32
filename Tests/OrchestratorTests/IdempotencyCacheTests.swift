import Orchestrator
import Testing

@Suite struct IdempotencyCacheTests {
    @Test func sameKeySameBodyReturnsTheSameRun() async {
        let cache = IdempotencyCache(ttl: .seconds(60), capacity: 2)
        guard case .miss = await cache.begin(key: "k", fingerprint: "body") else { Issue.record("expected a miss"); return }
        cache.complete(key: "k", outcome: QueryOutcome(runID: "run_1"))
        guard case .hit(let outcome) = await cache.begin(key: "k", fingerprint: "body") else { Issue.record("expected a hit"); return }
        #expect(outcome.runID == "run_1")
        guard case .conflict = await cache.begin(key: "k", fingerprint: "other") else { Issue.record("expected a conflict"); return }
    }

    @Test func aRunInProgressIsAwaitedNotRepeated() async {
        let cache = IdempotencyCache()
        guard case .miss = await cache.begin(key: "k", fingerprint: "b") else { Issue.record("expected a miss"); return }
        async let second = cache.begin(key: "k", fingerprint: "b")
        try? await Task.sleep(for: .milliseconds(50))
        cache.complete(key: "k", outcome: QueryOutcome(runID: "run_2"))
        guard case .hit(let outcome) = await second else { Issue.record("expected a hit"); return }
        #expect(outcome.runID == "run_2")
    }

    @Test func capacityDropsTheOldestAndTTLExpires() async throws {
        let cache = IdempotencyCache(ttl: .milliseconds(100), capacity: 2)
        for key in ["a", "b", "c"] {
            _ = await cache.begin(key: key, fingerprint: "x")
            cache.complete(key: key, outcome: QueryOutcome(runID: key))
        }
        #expect(cache.count == 2)
        guard case .miss = await cache.begin(key: "a", fingerprint: "x") else { Issue.record("a should have been dropped"); return }
        try await Task.sleep(for: .milliseconds(150))
        guard case .miss = await cache.begin(key: "b", fingerprint: "x") else { Issue.record("b should have expired"); return }
    }
}
