import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Prometheus
import TestKit
import Testing

import Foundation

@Suite struct MetricsTests {
    @Test func requestsAreCountedByRouteTemplateMethodAndStatus() async throws {
        let server = makeServer()
        try await server.makeApplication().test(.router) { client in
            for id in ["1", "22", "333"] {
                try await client.execute(uri: "/test/items/\(id)", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/health", method: .get) { _ in }
            try await client.execute(uri: "/some/raw/path/9f8e", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = response.text
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                #expect(text.contains(#"quiver_requests_total{route="/test/items/{id}",method="GET",status="200"} 3"#))
                #expect(text.contains(#"quiver_requests_total{route="/health",method="GET",status="200"} 1"#))
                #expect(text.contains(#"quiver_requests_total{route="unmatched",method="GET",status="404"} 1"#))
                #expect(text.contains(#"quiver_request_duration_seconds_count{route="/test/items/{id}",method="GET",status="200"} 3"#))
                #expect(!text.contains("/test/items/22"))
                #expect(!text.contains("9f8e"))
                #expect(text.contains(#"quiver_build_info{version="0.0.0-dev"} 1"#))
                for name in ["process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds", "process_start_time_seconds"] {
                    #expect(text.contains("# TYPE \(name) "), "\(name)")
                    #expect(Self.value(of: name, in: text).map { $0 > 0 } == true, "\(name)")
                }
                // Start time is in the past and within the last day.
                let start = try #require(Self.value(of: "process_start_time_seconds", in: text))
                let now = Date().timeIntervalSince1970
                #expect(start <= now + 1 && start > now - 86_400)
            }
        }
    }

    @Test func familiesWithoutHelpGetOne() {
        let metrics = APIMetrics(version: "1", helpTexts: ["from_swift_metrics_total": "Documented elsewhere."])
        metrics.registry.makeCounter(name: "from_swift_metrics_total").increment()
        metrics.registry.makeGauge(name: "undocumented_gauge").set(Int64(2))
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(text.contains("# HELP from_swift_metrics_total Documented elsewhere.\n# TYPE from_swift_metrics_total counter"))
        #expect(text.contains("# HELP undocumented_gauge "))
        let helpLines = text.split(separator: "\n").filter { $0.hasPrefix("# HELP quiver_build_info") }
        #expect(helpLines.count == 1)
    }

    @Test func expositionPassesPromtool() async throws {
        guard let promtool = Self.findExecutable("promtool") else {
            Issue.record("promtool is not installed (apt-get install prometheus); .ci/run installs it")
            return
        }
        let keys = try APIKeySet(keys: ["metrics-key-0123456789"])
        let server = makeServer(HTTPSettings(apiKeys: keys, metricsPublic: true, rateLimit: RateLimitSettings(requestsPerMinute: 60, burst: 1)))
        server.metrics.registry.makeCounter(name: "other_module_events_total").increment()
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/items/1", method: .get, headers: bearer("metrics-key-0123456789")) { _ in }
            try await client.execute(uri: "/test/items/1", method: .get, headers: bearer("metrics-key-0123456789")) { _ in }
            try await client.execute(uri: "/test/items/1", method: .get) { _ in }
            try await client.execute(uri: "/missing", method: .post, headers: bearer("metrics-key-0123456789")) { _ in }
            let text = try await client.execute(uri: "/metrics", method: .get) { $0.text }
            let (status, output) = try runChildProcess(promtool, ["check", "metrics"], stdin: text)
            #expect(status == 0, "promtool: \(output)\n\(text)")
        }
    }

    static func value(of name: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.dropFirst(name.count + 1))
        }
        return nil
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

}
