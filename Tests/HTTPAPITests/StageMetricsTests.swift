import Analytics
import Foundation
import HTTPAPI
import Logging
import Metrics
import Prometheus
import TestKit
import Testing

/// Analytics' stage metrics (created through swift-metrics, which carries no help text) in the same
/// registry as the HTTP metrics: `/metrics`' one help mechanism (`helpTexts`, from `MetricCatalog`) gives
/// every family its `# HELP`, the catalog's buckets apply, and promtool accepts the result.
@Suite struct StageMetricsTests {
    @Test func stageMetricsShareTheRegistryAndPassPromtool() async throws {
        let metrics = APIMetrics(version: "1", helpTexts: MetricCatalog.help)
        var factory = PrometheusMetricsFactory(registry: metrics.registry)
        factory.durationHistogramBuckets = MetricCatalog.durationBuckets
        let stage = QuiverMetrics(factory: factory)
        stage.preregister(sandboxLimits: ["maxToolCalls", "maxCost"])
        let recorder = RunRecorder(writer: nil, metrics: stage)
        let run = RunRecord(
            id: "r", kind: "query", startedAt: 1_000, finishedAt: 1_400, status: "ok", repairs: 1, overheadMilliseconds: 0.3,
            llmCalls: [
                LLMCallRecord(purpose: "plan", model: "qwen2.5-0.5b", startedAt: 1_001, durationMilliseconds: 300, status: "ok", promptTokens: 800, completionTokens: 40),
                LLMCallRecord(purpose: "repair", model: "qwen2.5-0.5b", startedAt: 1_301, durationMilliseconds: 50, status: "ok", promptTokens: 900, completionTokens: 30),
            ],
            toolCalls: [ToolCallRecord(tool: "weather.current", startedAt: 1_350, durationMilliseconds: 12, status: "ok")],
            searches: [SearchRecord(queryText: "weather", k: 5, results: [], startedAt: 1_000, durationMilliseconds: 0.8)])
        #expect(await recorder.record(run, limitExceeded: "maxCost") == .disabled)
        let folder = try TemporaryFolder()
        var settings = AnalyticsSettings(path: folder.file("analytics.db"))
        settings.queueCapacity = 1
        let writer = AnalyticsWriter(store: try AnalyticsStore(settings: settings), metrics: AnalyticsMetrics(factory: factory), logger: .init(label: "t"))
        _ = await writer.record(run)
        var second = run
        second.id = "r2"
        #expect(await writer.record(second) == .dropped(.queueFull))
        writer.finish()
        try await writer.run()
        metrics.recordRequest(route: "/v1/query", method: "POST", status: 200, duration: .milliseconds(400))

        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        for name in [
            "quiver_requests_total", "quiver_request_duration_seconds", "quiver_llm_request_duration_seconds", "quiver_llm_tokens_total",
            "quiver_tool_calls_total", "quiver_tool_call_duration_seconds", "quiver_search_duration_seconds", "quiver_plan_repairs_total",
            "quiver_sandbox_limit_exceeded_total", "quiver_overhead_duration_seconds", "quiver_analytics_queue_depth",
            "quiver_analytics_dropped_total", "quiver_analytics_write_duration_seconds",
        ] {
            #expect(text.contains("# TYPE \(name) "), "\(name) missing")
            let help = MetricCatalog.help[name].map { "# HELP \(name) \($0)" }
            if name != "quiver_requests_total" && name != "quiver_request_duration_seconds" {
                #expect(help.map { text.contains($0) } == true, "\(name) lacks its catalog help")
            }
        }
        #expect(text.contains(#"quiver_llm_tokens_total{model="qwen2.5-0.5b",kind="prompt"} 1700"#))
        #expect(text.contains(#"quiver_plan_repairs_total 1"#))
        #expect(text.contains(#"quiver_sandbox_limit_exceeded_total{limit="maxCost"} 1"#))
        #expect(text.contains(#"quiver_sandbox_limit_exceeded_total{limit="maxToolCalls"} 0"#))
        #expect(text.contains(#"quiver_overhead_duration_seconds_bucket{le="0.0005"} 1"#))
        #expect(text.contains(#"quiver_analytics_dropped_total{reason="queue_full"} 1"#))
        guard let promtool = MetricsTests.findExecutable("promtool") else {
            Issue.record("promtool is not installed (apt-get install prometheus); .ci/run installs it")
            return
        }
        let (status, output) = try runChildProcess(promtool, ["check", "metrics"], stdin: text)
        #expect(status == 0, "promtool: \(output)\n\(text)")
    }
}
