import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct RateLimitTests {
    @Test func overTheBurstIs429WithRetryAfter() async throws {
        let server = makeServer(HTTPSettings(metricsPublic: true, rateLimit: RateLimitSettings(requestsPerMinute: 6, burst: 2)))
        try await server.makeApplication().test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/openapi.yaml", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                // 6 per minute is one token every 10 s.
                let retryAfter = try #require(response.headers[.retryAfter].flatMap { Int($0) })
                #expect(retryAfter >= 9 && retryAfter <= 10)
                #expect(response.error["type"] as? String == "rate_limited")
                #expect(response.error["retry_after_seconds"] as? Int == retryAfter)
                #expect(response.error["limit_per_minute"] as? Int == 6)
            }
            // Probes and scrapes are never limited.
            for _ in 0..<5 {
                try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("quiver_rate_limited_total 1"))
            }
        }
    }

    @Test func bucketsArePerAPIKey() async throws {
        let keys = try APIKeySet(keys: ["key-one-0123456789ab", "key-two-0123456789ab"])
        let server = makeServer(HTTPSettings(apiKeys: keys, rateLimit: RateLimitSettings(requestsPerMinute: 60, burst: 1)))
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get, headers: bearer("key-one-0123456789ab")) { #expect($0.status == .ok) }
            try await client.execute(uri: "/openapi.yaml", method: .get, headers: bearer("key-one-0123456789ab")) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "1")
            }
            try await client.execute(uri: "/openapi.yaml", method: .get, headers: bearer("key-two-0123456789ab")) { #expect($0.status == .ok) }
        }
    }
}

@Suite struct TokenBucketLimiterTests {
    @Test func refillsAtTheConfiguredRate() {
        let limiter = TokenBucketLimiter(settings: RateLimitSettings(requestsPerMinute: 60, burst: 3))
        let start = ContinuousClock.now
        for _ in 0..<3 { #expect(limiter.acquire(key: "a", now: start) == .allowed) }
        #expect(limiter.acquire(key: "a", now: start) == .limited(retryAfterSeconds: 1))
        #expect(limiter.acquire(key: "a", now: start + .milliseconds(500)) == .limited(retryAfterSeconds: 1))
        #expect(limiter.acquire(key: "a", now: start + .milliseconds(1600)) == .allowed)
        #expect(limiter.acquire(key: "a", now: start + .milliseconds(1600)) == .limited(retryAfterSeconds: 1))
        // Refill never exceeds the burst.
        let later = start + .seconds(3600)
        for _ in 0..<3 { #expect(limiter.acquire(key: "a", now: later) == .allowed) }
        #expect(limiter.acquire(key: "a", now: later) != .allowed)
    }

    @Test func disabledWhenRateIsZero() {
        let limiter = TokenBucketLimiter(settings: RateLimitSettings(requestsPerMinute: 0, burst: 1))
        for _ in 0..<100 { #expect(limiter.acquire(key: "a") == .allowed) }
        #expect(limiter.trackedClients == 0)
    }

    @Test func memoryIsBoundedByMaxClients() {
        let limiter = TokenBucketLimiter(settings: RateLimitSettings(requestsPerMinute: 60, burst: 5, maxClients: 100))
        let now = ContinuousClock.now
        for i in 0..<1000 {
            _ = limiter.acquire(key: "client-\(i)", now: now + .milliseconds(i))
        }
        #expect(limiter.trackedClients <= 100)
        #expect(limiter.trackedClients > 0)
    }
}
