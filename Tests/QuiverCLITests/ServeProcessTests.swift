import CurlHTTP
import Foundation
import TestKit
import Testing

/// Tests against the real `quiver serve` binary over real HTTP (CurlHTTP).
@Suite(.serialized) struct ServeProcessTests {
    @Test func servesHealthReadyMetricsAndDrainsOnSIGTERM() async throws {
        let config = try emptyConfigFile()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let quiver = try QuiverProcess(
            ["serve", "--config", config, "--port", "0", "--log-format", "json", "--debug-routes", "--drain-timeout-seconds", "20"]
        )
        let port = try await quiver.waitForPort()
        let base = "http://127.0.0.1:\(port)"
        let client = try CurlClient()
        defer { client.shutdown() }

        let health = try await client.get(base + "/health", headers: [("X-Request-Id", "e2e-1")])
        #expect(health.status == 200)
        #expect(health.text.contains(#""status":"ok""#))
        #expect(health.headers["x-request-id"] == "e2e-1")

        let ready = try await client.get(base + "/ready")
        #expect(ready.status == 200)
        #expect(ready.text.contains(#""name":"server""#))

        let missing = try await client.get(base + "/v0/nothing")
        #expect(missing.status == 404)
        #expect(missing.text.contains(#""type":"not_found""#))

        let metrics = try await client.get(base + "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains(#"quiver_requests_total{route="/health",method="GET",status="200"} 1"#))
        #expect(metrics.text.contains(#"quiver_build_info{version="#))
        #expect(metrics.text.contains("process_resident_memory_bytes "))
        if let promtool = Self.promtool {
            let (status, output) = try runChildProcess(promtool, ["check", "metrics"], stdin: metrics.text)
            #expect(status == 0, "promtool: \(output)")
        }

        // SIGTERM while a slow request is in flight: it completes, new connections are refused,
        // and the process exits 0.
        let started = ContinuousClock.now
        async let slow = client.get(base + "/debug/sleep?seconds=1.5", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(400))
        quiver.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        let fresh = try CurlClient()
        defer { fresh.shutdown() }
        await #expect(throws: (any Error).self) {
            _ = try await fresh.get(base + "/health", timeout: .seconds(2))
        }
        let slowResponse = try await slow
        #expect(slowResponse.status == 200)
        #expect(slowResponse.text.contains(#""slept_seconds":1.5"#))
        #expect(ContinuousClock.now - started >= .milliseconds(1500))
        let exit = try await quiver.waitForExit()
        #expect(exit == 0, "stderr: \(quiver.stderr)")
        #expect(quiver.stderr.contains("shutdown requested"))
    }

    @Test func drainTimeoutCutsLongRequestsAndStillExitsZero() async throws {
        let config = try emptyConfigFile()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let quiver = try QuiverProcess(
            ["serve", "--config", config, "--port", "0", "--log-format", "json", "--debug-routes", "--drain-timeout-seconds", "0.5"]
        )
        let port = try await quiver.waitForPort()
        let client = try CurlClient()
        defer { client.shutdown() }
        let started = ContinuousClock.now
        async let slow = try? client.get("http://127.0.0.1:\(port)/debug/sleep?seconds=20", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(400))
        quiver.signal(SIGINT)
        let exit = try await quiver.waitForExit()
        #expect(exit == 0, "stderr: \(quiver.stderr)")
        #expect(ContinuousClock.now - started < .seconds(10))
        let response = await slow
        #expect(response?.status != 200)
    }

    @Test func badConfigurationExitsWithCode2NamingKeyAndSource() async throws {
        let config = try emptyConfigFile()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let quiver = try QuiverProcess(["serve", "--config", config, "--log-format", "yaml"], environment: ["QUIVER_PORT": "99999"])
        let exit = try await quiver.waitForExit()
        #expect(exit == 2)
        #expect(quiver.stderr.contains("port (from env QUIVER_PORT): 99999 is out of range 0...65535"), "\(quiver.stderr)")
        #expect(quiver.stderr.contains("log.format (from flag --log-format): expected one of json, text, got 'yaml'"), "\(quiver.stderr)")
    }

    @Test func configCommandRedactsSecrets() async throws {
        let config = try emptyConfigFile()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let secret = "super-secret-key-0123456789"
        let quiver = try QuiverProcess(["config", "--config", config, "--port", "9999"], environment: ["QUIVER_AUTH_API_KEYS": secret])
        let exit = try await quiver.waitForExit()
        #expect(exit == 0)
        #expect(!quiver.stdout.contains(secret))
        #expect(quiver.stdout.contains("auth.api_keys"))
        #expect(quiver.stdout.contains("<redacted>  [env QUIVER_AUTH_API_KEYS]"))
        #expect(quiver.stdout.contains("9999  [flag --port]"))
    }

    static var promtool: String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/promtool"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

}
