public import Prometheus
import Synchronization

/// HTTP-level metrics in one Prometheus registry, and the text exposition served at `/metrics`.
///
/// The executable bootstraps swift-metrics with `PrometheusMetricsFactory(registry: metrics.registry)`,
/// so metrics other modules create through the swift-metrics API appear in the same exposition.
/// Labels are bounded: route templates, methods, status codes; never raw paths, ids or user text.
public final class APIMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let version: String
    /// `# HELP` text for metrics created through swift-metrics (which carries none); promtool rejects
    /// a family without help. Names missing here get a generic help line.
    public let helpTexts: [String: String]

    struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    struct RequestSeries {
        let count: Counter
        let duration: DurationHistogram

        func record(_ elapsed: Duration) {
            count.increment()
            duration.record(elapsed)
        }
    }

    private let series: Mutex<[RequestKey: RequestSeries]>
    private let rateLimited: Counter
    private let authFailures: Mutex<[String: Counter]>
    private let processMetrics: ProcessMetrics

    public static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), version: String, helpTexts: [String: String] = [:]) {
        self.registry = registry
        self.version = version
        self.helpTexts = helpTexts
        self.series = Mutex([:])
        self.authFailures = Mutex([:])
        self.processMetrics = ProcessMetrics()
        self.rateLimited = registry.makeCounter(
            name: "quiver_rate_limited_total",
            help: "Requests refused with 429 because a client's token bucket was empty."
        )
        registry.makeGauge(
            name: "quiver_build_info",
            labels: [("version", version)],
            help: "Build information; the value is always 1."
        ).set(Int64(1))
    }

    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        requestSeries(route: route, method: method, status: status).record(duration)
    }

    /// The request counter and histogram of one route, method and status, made on first use. A caller that
    /// records the same series again and again (the `/health` fast path) keeps it and skips the lookup.
    func requestSeries(route: String, method: String, status: Int) -> RequestSeries {
        let key = RequestKey(route: route, method: method, status: status)
        return series.withLock { table -> RequestSeries in
            if let existing = table[key] { return existing }
            let labels = [("route", route), ("method", method), ("status", String(status))]
            let created = RequestSeries(
                count: registry.makeCounter(name: "quiver_requests_total", labels: labels, help: "HTTP requests served."),
                duration: registry.makeDurationHistogram(
                    name: "quiver_request_duration_seconds",
                    labels: labels,
                    buckets: Self.durationBuckets,
                    help: "Time from request head to response, in seconds."
                )
            )
            table[key] = created
            return created
        }
    }

    public func recordRateLimited() {
        rateLimited.increment()
    }

    /// `reason` is one of a fixed set: missing, malformed, invalid.
    public func recordAuthFailure(reason: String) {
        let counter = authFailures.withLock { table -> Counter in
            if let existing = table[reason] { return existing }
            let created = registry.makeCounter(
                name: "quiver_auth_failures_total",
                labels: [("reason", reason)],
                help: "Requests refused with 401, by reason."
            )
            table[reason] = created
            return created
        }
        counter.increment()
    }

    /// The full exposition: the registry's families (with `# HELP` filled in where missing) and the
    /// process metrics read at this moment.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        var out = MetricsText.addingMissingHelp(to: buffer, helpTexts: helpTexts)
        processMetrics.emit(into: &out)
        return out
    }
}
