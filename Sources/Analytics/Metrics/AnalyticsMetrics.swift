public import CoreMetrics
import Metrics

/// The analytics writer's own metrics. Label sets are bounded: `reason` is one of three words.
public struct AnalyticsMetrics: Sendable {
    public static let queueDepthName = "quiver_analytics_queue_depth"
    public static let droppedName = "quiver_analytics_dropped_total"
    public static let blockedName = "quiver_analytics_blocked_total"
    public static let writtenName = "quiver_analytics_runs_written_total"
    public static let writeDurationName = "quiver_analytics_write_duration_seconds"

    /// Why a run was not written: the queue was full (policy `drop`), the writer had shut down, the
    /// request was cancelled while waiting for room (policy `block`), or the write itself failed.
    public enum DropReason: String, Sendable, CaseIterable {
        case queueFull = "queue_full"
        case closed
        case cancelled
        case writeError = "write_error"
    }

    let queueDepth: Gauge
    let dropped: [DropReason: Counter]
    let blocked: Counter
    let written: Counter
    let writeDuration: Timer

    /// Metrics created through `factory` (the global `MetricsSystem` factory by default).
    public init(factory: (any MetricsFactory)? = nil) {
        let factory = factory ?? MetricsSystem.factory
        queueDepth = Gauge(label: Self.queueDepthName, dimensions: [], factory: factory)
        var dropped: [DropReason: Counter] = [:]
        for reason in DropReason.allCases {
            dropped[reason] = Counter(label: Self.droppedName, dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        self.dropped = dropped
        blocked = Counter(label: Self.blockedName, dimensions: [], factory: factory)
        written = Counter(label: Self.writtenName, dimensions: [], factory: factory)
        writeDuration = Timer(label: Self.writeDurationName, dimensions: [], factory: factory)
    }

    func drop(_ reason: DropReason, count: Int = 1) {
        dropped[reason]?.increment(by: count)
    }
}
