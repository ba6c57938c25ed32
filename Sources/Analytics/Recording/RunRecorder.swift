/// Where a finished run goes: `analytics.db` through the ``AnalyticsWriter`` (backend `sqlite` or `both`)
/// and the per-stage Prometheus metrics through ``QuiverMetrics`` (backend `prometheus` or `both`).
///
/// Route handlers call ``record(_:limitExceeded:)`` once per request, after the response is built. With
/// durability `normal` it only appends to the writer's in-memory queue; with `full` it returns once the
/// run is committed (that is the point of `full`).
public final class RunRecorder: Sendable {
    /// Nil when runs are not stored (backend `prometheus` or `none`, or durability `off`).
    public let writer: AnalyticsWriter?
    /// Nil when metrics are not exported (backend `sqlite` or `none`).
    public let metrics: QuiverMetrics?

    /// Whether tool calls are counted here; false when the tool executor reports them itself as they
    /// finish (quiver's `MetricsToolObserver`), so no call is counted twice.
    public let observesToolCalls: Bool

    public init(writer: AnalyticsWriter?, metrics: QuiverMetrics?, observesToolCalls: Bool = true) {
        self.writer = writer
        self.metrics = metrics
        self.observesToolCalls = observesToolCalls
    }

    /// Records nothing (backend `none`, and the default of route groups built without analytics).
    public static let disabled = RunRecorder(writer: nil, metrics: nil)

    /// Whether ``record(_:limitExceeded:)`` does anything; handlers may skip building a record when false.
    public var isEnabled: Bool { writer != nil || metrics != nil }

    /// Observes `run` in the metrics and hands it to the writer.
    /// - Parameter limitExceeded: the sandbox limit's setting name when a limit stopped the plan.
    @discardableResult
    public func record(_ run: RunRecord, limitExceeded: String? = nil) async -> RecordOutcome {
        if let metrics { observe(run, limitExceeded: limitExceeded, in: metrics) }
        guard let writer else { return .disabled }
        return await writer.record(run)
    }

    func observe(_ run: RunRecord, limitExceeded: String?, in metrics: QuiverMetrics) {
        for call in run.llmCalls {
            metrics.llmCall(
                model: call.model, kind: call.purpose, status: call.status, duration: Self.duration(call.durationMilliseconds),
                promptTokens: call.promptTokens, completionTokens: call.completionTokens)
        }
        for call in run.toolCalls where observesToolCalls {
            metrics.toolCall(tool: call.tool, status: call.status, duration: Self.duration(call.durationMilliseconds))
        }
        for search in run.searches {
            metrics.search(duration: Self.duration(search.durationMilliseconds))
        }
        metrics.planRepairs(run.repairs)
        if let limitExceeded { metrics.sandboxLimitExceeded(limit: limitExceeded) }
        if run.finishedAt != nil { metrics.overhead(duration: Self.duration(run.overheadMilliseconds)) }
    }

    /// Milliseconds as a `Duration`; NaN, negative or absurd values (over a day) become zero or a day.
    static func duration(_ milliseconds: Double) -> Duration {
        guard milliseconds.isFinite, milliseconds > 0 else { return .zero }
        return .microseconds(Int64(min(milliseconds, 86_400_000) * 1_000))
    }
}
