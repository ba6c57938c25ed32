/// Help text and histogram buckets for every Quiver metric, by name. swift-metrics has no place for help
/// text, so the executable's Prometheus factory looks it up here (`promtool check metrics` requires it).
public enum MetricCatalog {
    public static let help: [String: String] = [
        QuiverMetrics.Name.requests: "HTTP requests served, by route template and status code.",
        QuiverMetrics.Name.requestDuration: "HTTP request duration in seconds, by route template and status code.",
        QuiverMetrics.Name.llmRequests: "LLM calls (after retries), by model, kind (plan, repair, answer) and status.",
        QuiverMetrics.Name.llmDuration: "LLM call duration in seconds, by model and kind.",
        QuiverMetrics.Name.llmTokens: "LLM tokens used, by model and kind (prompt, completion).",
        QuiverMetrics.Name.toolCalls: "Tool calls, by tool and status.",
        QuiverMetrics.Name.toolDuration: "Tool call duration in seconds, by tool and status.",
        QuiverMetrics.Name.circuitOpen: "1 while the tool's circuit breaker is open, else 0.",
        QuiverMetrics.Name.searchDuration: "Tool search (ranking) duration in seconds.",
        QuiverMetrics.Name.planRepairs: "Plan repair rounds sent back to the LLM.",
        QuiverMetrics.Name.sandboxLimit: "Plans stopped by a sandbox limit, by limit.",
        QuiverMetrics.Name.overheadDuration: "Quiver's own time per request in seconds (total minus LLM, tools and search).",
        AnalyticsMetrics.queueDepthName: "Runs waiting in the analytics writer's queue.",
        AnalyticsMetrics.droppedName: "Runs not recorded in analytics, by reason (queue_full, closed, cancelled, write_error).",
        AnalyticsMetrics.blockedName: "Requests that waited for room in the full analytics queue (overflow policy block).",
        AnalyticsMetrics.writtenName: "Runs committed to analytics.db.",
        AnalyticsMetrics.writeDurationName: "Duration of one analytics batch transaction in seconds.",
    ]

    /// Sub-millisecond to 50 ms: Quiver's own work (overhead, search, the analytics writer).
    public static let fastBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
    ]
    /// 5 ms to 60 s: requests, LLM and tool calls.
    public static let slowBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
        .seconds(30), .seconds(60),
    ]

    /// Histogram buckets per metric name (assign to `PrometheusMetricsFactory.durationHistogramBuckets`).
    public static let durationBuckets: [String: [Duration]] = [
        QuiverMetrics.Name.requestDuration: slowBuckets,
        QuiverMetrics.Name.llmDuration: slowBuckets,
        QuiverMetrics.Name.toolDuration: slowBuckets,
        QuiverMetrics.Name.searchDuration: fastBuckets,
        QuiverMetrics.Name.overheadDuration: fastBuckets,
        AnalyticsMetrics.writeDurationName: fastBuckets + [.milliseconds(100), .milliseconds(250), .seconds(1)],
    ]
}
