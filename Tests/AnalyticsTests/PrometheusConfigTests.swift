import Foundation
import Prometheus
import Testing

@testable import Analytics

/// config/prometheus and config/grafana agree with the metrics Quiver defines, and promtool accepts them.
@Suite struct PrometheusConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool", "/opt/homebrew/bin/promtool"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let knownMetrics: Set<String> = [
        QuiverMetrics.Name.requests, QuiverMetrics.Name.requestDuration, QuiverMetrics.Name.llmRequests,
        QuiverMetrics.Name.llmDuration, QuiverMetrics.Name.llmTokens, QuiverMetrics.Name.toolCalls,
        QuiverMetrics.Name.toolDuration, QuiverMetrics.Name.circuitOpen, QuiverMetrics.Name.searchDuration,
        QuiverMetrics.Name.planRepairs, QuiverMetrics.Name.sandboxLimit, QuiverMetrics.Name.overheadDuration,
        AnalyticsMetrics.queueDepthName, AnalyticsMetrics.droppedName, AnalyticsMetrics.blockedName,
        AnalyticsMetrics.writtenName, AnalyticsMetrics.writeDurationName,
    ]

    /// Metric names (`quiver_…`) mentioned in `text`, with histogram suffixes removed.
    static func metricNames(in text: String) -> Set<String> {
        var names: Set<String> = []
        let pattern = /quiver_[a-z_]+/
        for match in text.matches(of: pattern) {
            var name = String(match.output)
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) && name.hasSuffix("_seconds" + suffix) {
                name.removeLast(suffix.count)
            }
            names.insert(name)
        }
        return names
    }

    /// Runs promtool; returns its exit status and combined output.
    static func promtool(_ arguments: [String], stdin: Data? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.promtool))
        process.arguments = arguments
        process.currentDirectoryURL = root.appendingPathComponent("config/prometheus")
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(.enabled(if: promtool != nil, "promtool (Debian package prometheus) is not installed"))
    func promtoolAcceptsScrapeConfigAndRulesAndTheRuleTestsPass() throws {
        for arguments in [["check", "config", "prometheus.yml"], ["check", "rules", "alerts.yml"], ["test", "rules", "alerts_test.yml"]] {
            let (status, output) = try Self.promtool(arguments)
            #expect(status == 0, "promtool \(arguments.joined(separator: " ")): \(output)")
        }
    }

    @Test func alertsAndDashboardUseOnlyDefinedMetrics() throws {
        let alerts = try String(contentsOf: Self.root.appendingPathComponent("config/prometheus/alerts.yml"), encoding: .utf8)
        let alertMetrics = Self.metricNames(in: alerts)
        #expect(alertMetrics.subtracting(Self.knownMetrics).isEmpty, "unknown: \(alertMetrics.subtracting(Self.knownMetrics))")
        for name in ["QuiverHighErrorRate", "QuiverHighLatencyP95", "QuiverLLMFailures", "QuiverAnalyticsDropping", "QuiverCircuitBreakerOpen"] {
            #expect(alerts.contains("alert: \(name)"))
        }

        let data = try Data(contentsOf: Self.root.appendingPathComponent("config/grafana/quiver-dashboard.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        var exprs: [String] = []
        for panel in panels where panel["type"] as? String != "row" {
            let targets = try #require(panel["targets"] as? [[String: Any]], "panel \(panel["title"] ?? "?") has no targets")
            exprs += targets.compactMap { $0["expr"] as? String }
        }
        let used = Self.metricNames(in: exprs.joined(separator: "\n"))
        #expect(used.subtracting(Self.knownMetrics).isEmpty, "unknown: \(used.subtracting(Self.knownMetrics))")
        // The panels the alerts need exist: every alerted metric is on the dashboard.
        #expect(alertMetrics.subtracting(used).isEmpty, "not on the dashboard: \(alertMetrics.subtracting(used))")
    }

    /// Every metric Quiver defines has catalog help text (`/metrics` fills `# HELP` from it: the server's
    /// promtool check is in HTTPAPITests/StageMetricsTests and QuiverCLITests), and the label bounds hold.
    @Test func exportedMetricsHaveHelpAndBoundedLabels() async throws {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = MetricCatalog.durationBuckets
        let metrics = QuiverMetrics(factory: factory)
        metrics.request(route: "/v1/query", status: 200, duration: .milliseconds(42))
        metrics.request(route: "/v1/runs/{id}", status: 404, duration: .microseconds(300))
        metrics.llmCall(model: "qwen2.5-0.5b", kind: "plan", status: "ok", duration: .milliseconds(900), promptTokens: 800, completionTokens: 60)
        metrics.llmCall(model: "qwen2.5-0.5b", kind: "repair", status: "error", duration: .seconds(2), promptTokens: 0, completionTokens: 0)
        metrics.toolCall(tool: "weather.current", status: "ok", duration: .milliseconds(12))
        metrics.toolCall(tool: "weather.current", status: "ok", duration: .milliseconds(3))  // the cached series
        metrics.circuit(tool: "weather.current", open: false)
        metrics.search(duration: .microseconds(800))
        metrics.planRepairs(1)
        metrics.sandboxLimitExceeded(limit: "steps")
        metrics.overhead(duration: .microseconds(400))
        // A user's text as a label value never becomes a series of its own.
        metrics.toolCall(tool: "what is the weather in Paris?", status: "ok", duration: .milliseconds(1))

        let dir = try TemporaryDirectory()
        var settings = Fixtures.settings(dir)
        settings.queueCapacity = 1
        let writer = try AnalyticsWriter.open(settings: settings, metrics: AnalyticsMetrics(factory: factory), logger: Fixtures.logger)
        _ = await writer.record(Fixtures.run(1))
        _ = await writer.record(Fixtures.run(2))  // dropped: queue full
        writer.finish()
        try await writer.run()

        let text = registry.emitToString()
        #expect(Set(MetricCatalog.help.keys) == Self.knownMetrics)
        #expect(text.contains(#"quiver_overhead_duration_seconds_bucket{le="0.0005"} 1"#))  // fine buckets for overhead
        for name in Self.knownMetrics {
            #expect(text.contains("# TYPE \(name) "), "\(name) missing from /metrics")
        }
        // Every family emitted has catalog help.
        for line in text.split(separator: "\n") where line.hasPrefix("# TYPE ") {
            let name = String(line.dropFirst(7).split(separator: " ")[0])
            #expect(MetricCatalog.help[name] != nil, "\(name) has no help text in MetricCatalog")
        }
        #expect(text.contains(#"quiver_analytics_dropped_total{reason="queue_full"} 1"#))
        #expect(!text.contains("Paris"))
        let weatherCalls = text.split(separator: "\n").filter { $0.hasPrefix("quiver_tool_calls_total{") && $0.contains("weather.current") }
        #expect(weatherCalls.count == 1 && weatherCalls.first?.hasSuffix(" 2") == true, "\(weatherCalls)")
        #expect(text.contains(#"tool="invalid""#))
    }
}
