public import CoreMetrics
import Metrics
import Synchronization

/// Quiver's Prometheus metrics, defined once so names, labels and the alert rules in
/// `config/prometheus/` agree. Every label value passes through a ``LabelValues`` bound.
///
/// | metric | type | labels |
/// |---|---|---|
/// | `quiver_requests_total` | counter | route, status |
/// | `quiver_request_duration_seconds` | histogram | route, status |
/// | `quiver_llm_requests_total` | counter | model, kind, status |
/// | `quiver_llm_request_duration_seconds` | histogram | model, kind |
/// | `quiver_llm_tokens_total` | counter | model, kind (`prompt`, `completion`) |
/// | `quiver_tool_calls_total` | counter | tool, status |
/// | `quiver_tool_call_duration_seconds` | histogram | tool, status |
/// | `quiver_tool_circuit_open` | gauge (0/1) | tool |
/// | `quiver_search_duration_seconds` | histogram | |
/// | `quiver_plan_repairs_total` | counter | |
/// | `quiver_sandbox_limit_exceeded_total` | counter | limit |
/// | `quiver_overhead_duration_seconds` | histogram | |
/// | `quiver_analytics_*` | see ``AnalyticsMetrics`` | |
public final class QuiverMetrics: Sendable {
    public enum Name {
        public static let requests = "quiver_requests_total"
        public static let requestDuration = "quiver_request_duration_seconds"
        public static let llmRequests = "quiver_llm_requests_total"
        public static let llmDuration = "quiver_llm_request_duration_seconds"
        public static let llmTokens = "quiver_llm_tokens_total"
        public static let toolCalls = "quiver_tool_calls_total"
        public static let toolDuration = "quiver_tool_call_duration_seconds"
        public static let circuitOpen = "quiver_tool_circuit_open"
        public static let searchDuration = "quiver_search_duration_seconds"
        public static let planRepairs = "quiver_plan_repairs_total"
        public static let sandboxLimit = "quiver_sandbox_limit_exceeded_total"
        public static let overheadDuration = "quiver_overhead_duration_seconds"
    }

    private struct Key: Hashable {
        let name: String
        let labels: [String]
    }

    private final class Handles: Sendable {
        let counters = Mutex<[Key: Counter]>([:])
        let timers = Mutex<[Key: Timer]>([:])
        let gauges = Mutex<[Key: Gauge]>([:])
        /// The two series of a tool call by the raw (tool, status) pair, so that the call on every tool's path
        /// is one lookup of two short strings; bounded like the label values (see ``toolCall(tool:status:duration:)``).
        let toolSeries = Mutex<[ToolKey: ToolSeries]>([:])
    }

    private struct ToolKey: Hashable {
        let tool: String
        let status: String
    }

    private struct ToolSeries: Sendable {
        let calls: Counter
        let duration: Timer
    }

    /// Raw (tool, status) pairs remembered by ``toolCall(tool:status:duration:)``; past this, calls take the
    /// general path (the label bounds still apply there), so odd names cannot grow the cache.
    static let toolSeriesLimit = 4_096

    private let factory: any MetricsFactory
    private let handles = Handles()
    /// Bounds for each kind of label value.
    public let routes = LabelValues(limit: 64)
    public let statuses = LabelValues(limit: 32)
    public let models = LabelValues(limit: 32)
    public let tools = LabelValues(limit: 512)
    public let limits = LabelValues(limit: 32)

    /// The label-free histograms, made once: every run observes the overhead one.
    private let overheadTimer: Timer
    private let searchTimer: Timer

    public init(factory: (any MetricsFactory)? = nil) {
        let factory = factory ?? MetricsSystem.factory
        self.factory = factory
        overheadTimer = Timer(label: Name.overheadDuration, dimensions: [], factory: factory)
        searchTimer = Timer(label: Name.searchDuration, dimensions: [], factory: factory)
        // Series that should exist (at zero) from the start, so rate() and alerts see them.
        counter(Name.planRepairs, []).increment(by: 0)
    }

    /// Creates one zero series per sandbox limit name (a bounded set, the
    /// `Limits` field names), so dashboards and alert rules see them before the first plan runs.
    public func preregister(sandboxLimits: [String]) {
        for limit in sandboxLimits { counter(Name.sandboxLimit, [("limit", limits(limit))]).increment(by: 0) }
    }

    /// One HTTP request; `route` is the route template (`/v1/runs/{id}`), never the raw path.
    public func request(route: String, status: Int, duration: Duration) {
        let labels = [("route", routes(route)), ("status", statuses(String(status)))]
        counter(Name.requests, labels).increment()
        timer(Name.requestDuration, labels).record(duration: duration)
    }

    /// One LLM call. `kind` is `plan`, `repair` or `answer`; `status` `ok` or an error class.
    public func llmCall(model: String, kind: String, status: String, duration: Duration, promptTokens: Int, completionTokens: Int) {
        let model = models(model)
        let kind = statuses(kind)
        counter(Name.llmRequests, [("model", model), ("kind", kind), ("status", statuses(status))]).increment()
        timer(Name.llmDuration, [("model", model), ("kind", kind)]).record(duration: duration)
        if promptTokens > 0 { counter(Name.llmTokens, [("model", model), ("kind", "prompt")]).increment(by: promptTokens) }
        if completionTokens > 0 { counter(Name.llmTokens, [("model", model), ("kind", "completion")]).increment(by: completionTokens) }
    }

    public func toolCall(tool: String, status: String, duration: Duration) {
        let series = toolSeries(tool: tool, status: status)
        series.calls.increment()
        series.duration.record(duration: duration)
    }

    private func toolSeries(tool: String, status: String) -> ToolSeries {
        let key = ToolKey(tool: tool, status: status)
        if let cached = handles.toolSeries.withLock({ $0[key] }) { return cached }
        let labels = [("tool", tools(tool)), ("status", statuses(status))]
        let made = ToolSeries(calls: counter(Name.toolCalls, labels), duration: timer(Name.toolDuration, labels))
        handles.toolSeries.withLock { cache in
            if cache.count < Self.toolSeriesLimit { cache[key] = made }
        }
        return made
    }

    /// A tool's circuit breaker opened (true) or closed (false).
    public func circuit(tool: String, open: Bool) {
        gauge(Name.circuitOpen, [("tool", tools(tool))]).record(open ? 1 : 0)
    }

    public func search(duration: Duration) { searchTimer.record(duration: duration) }

    public func planRepairs(_ count: Int) { if count > 0 { counter(Name.planRepairs, []).increment(by: count) } }

    /// A sandbox limit stopped a plan; `limit` is the limit's setting name (`steps`, `cost`, `memory`...).
    public func sandboxLimitExceeded(limit: String) { counter(Name.sandboxLimit, [("limit", limits(limit))]).increment() }

    /// Quiver's own time in a request (total minus LLM, tools and search).
    public func overhead(duration: Duration) { overheadTimer.record(duration: duration) }

    private func counter(_ name: String, _ labels: [(String, String)]) -> Counter {
        let key = Key(name: name, labels: labels.map(\.1))
        return handles.counters.withLock { cache in
            if let counter = cache[key] { return counter }
            let counter = Counter(label: name, dimensions: labels, factory: factory)
            cache[key] = counter
            return counter
        }
    }

    private func timer(_ name: String, _ labels: [(String, String)]) -> Timer {
        let key = Key(name: name, labels: labels.map(\.1))
        return handles.timers.withLock { cache in
            if let timer = cache[key] { return timer }
            let timer = Timer(label: name, dimensions: labels, factory: factory)
            cache[key] = timer
            return timer
        }
    }

    private func gauge(_ name: String, _ labels: [(String, String)]) -> Gauge {
        let key = Key(name: name, labels: labels.map(\.1))
        return handles.gauges.withLock { cache in
            if let gauge = cache[key] { return gauge }
            let gauge = Gauge(label: name, dimensions: labels, factory: factory)
            cache[key] = gauge
            return gauge
        }
    }
}
