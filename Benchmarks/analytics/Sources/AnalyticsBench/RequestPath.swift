import Analytics
import CoreMetrics
import Foundation
import Logging
import Prometheus

/// What recording a plan run costs the request that made it, in CPU time of the calling thread, for the run
/// `request_p99.sh` makes (two builtin tool calls): the steps a `/v1/plans/run` handler takes with backend
/// `prometheus` or `both`, each timed on its own over `count` runs.
enum RequestPath {
    static let plan = "let s = math_add(a: input.x, b: 2);\nlet p = math_multiply(a: s, b: 3);\nreturn {\"sum\": s, \"product\": p};"

    static func threadMicroseconds() -> Double {
        var usage = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &usage)
        return Double(usage.tv_sec) * 1e6 + Double(usage.tv_nsec) / 1e3
    }

    /// The record a handler builds: start (id, clock), two tool calls, the plan text, finish.
    static func buildRecord() -> RunRecord {
        var run = RunRecordBuilder(
            id: RunRecordBuilder.newRunID(), kind: "plan_run", startedAt: RunRecordBuilder.nowMilliseconds(),
            requestID: "63bc566d7079dd230000000000000001")
        let startedAt = run.startedAt
        for tool in ["math_add", "math_multiply"] {
            run.toolCall(ToolCallRecord(tool: tool, startedAt: startedAt, durationMilliseconds: 0.02, status: "ok"))
        }
        run.toolStage(milliseconds: 0.05)
        run.plan(plan)
        return run.finished(at: RunRecordBuilder.nowMilliseconds(), status: "ok")
    }

    static func measure(_ name: String, count: Int, _ body: () async -> Void) async -> Double {
        for _ in 0..<min(count, 10_000) { await body() }  // warm-up: caches, metric series, queue buffers
        let before = threadMicroseconds()
        for _ in 0..<count { await body() }
        let perRun = (threadMicroseconds() - before) / Double(count)
        print(String(format: "request path, %@: %.2f us of CPU per run", name, perRun))
        return perRun
    }

    static func run(dir: String, count: Int) async throws {
        var factory = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        factory.durationHistogramBuckets = MetricCatalog.durationBuckets
        let metrics = QuiverMetrics(factory: factory)
        let build = await measure("build the record (id, clock, 2 tool calls, finish)", count: count) { _ = buildRecord() }
        let record = buildRecord()
        let observe = await measure("metrics: 2 tool calls + RunRecorder.record (Prometheus, no writer)", count: count) {
            metrics.toolCall(tool: "math_add", status: "ok", duration: .microseconds(20))
            metrics.toolCall(tool: "math_multiply", status: "ok", duration: .microseconds(20))
            await RunRecorder(writer: nil, metrics: metrics, observesToolCalls: false).record(record)
        }
        // The writer's queue, drained by a writer that runs as in the server (its thread's CPU is not counted here).
        // Room for every run: this times the accepted path (the writer is slower than the loop that feeds it).
        var settings = AnalyticsSettings(path: dir + "/request-path.db")
        settings.queueCapacity = count + 10_000
        let writer = try AnalyticsWriter.open(settings: settings, logger: Logger(label: "bench"))
        let writing = Task { try await writer.run() }
        let recorder = RunRecorder(writer: writer, metrics: nil)
        // Distinct runs (ids), made beforehand: the writer would refuse a run id twice.
        let records = (0..<(count + min(count, 10_000))).map { _ in buildRecord() }
        var next = 0
        let enqueue = await measure("AnalyticsWriter.record (queue, durability normal)", count: count) {
            _ = await recorder.record(records[next])
            next += 1
        }
        writer.finish()
        try await writing.value
        let stats = writer.statistics
        print(String(format: "request path, total for backend both: %.2f us of CPU per run (%d written, %d dropped)", build + observe + enqueue, stats.written, stats.dropped))
    }
}
