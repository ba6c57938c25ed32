import Analytics
import CoreMetrics
import HTTPAPI
import Logging
import Metrics
import Sandbox
import ServiceLifecycle

/// Analytics in `quiver serve`: opens `analytics.db` (backend `sqlite`/`both`, durability not `off`), makes
/// the ``RunRecorder`` route handlers record through, the writer and retention services, the `/v1/runs`
/// routes and the `analytics` readiness check.
struct AnalyticsCapability {
    let backend: AnalyticsBackend
    let settings: AnalyticsSettings
    let store: AnalyticsStore?
    let recorder: RunRecorder
    /// Writer and retention; listed before the HTTP server, so they stop after it has drained (the writer
    /// flushes its queue on graceful shutdown).
    let services: [any Service]
    let routes: RunsRoutes

    static func build(config: Configuration, readiness: ReadinessRegistry, logger: Logger) throws -> AnalyticsCapability {
        let backend = config[ConfigKeys.analyticsBackend]
        let settings = AnalyticsSettings(configuration: config)
        // Stage metrics go to the global (Prometheus) factory only when the backend exports them.
        let factory: any MetricsFactory = backend.exportsMetrics ? MetricsSystem.factory : NOOPMetricsHandler.instance
        var analyticsLogger = logger
        analyticsLogger[metadataKey: "subsystem"] = "analytics"

        var store: AnalyticsStore?
        var writer: AnalyticsWriter?
        var services: [any Service] = []
        let disabledReason: String
        if backend.recordsRuns && settings.durability != .off {
            let opened = try AnalyticsStore(settings: settings)
            let made = AnalyticsWriter(store: opened, metrics: AnalyticsMetrics(factory: factory), logger: analyticsLogger)
            store = opened
            writer = made
            services = [made, AnalyticsRetention(store: opened, logger: analyticsLogger)]
            disabledReason = ""
            logger.info(
                "analytics recording",
                metadata: ["path": .string(settings.path), "durability": .string(settings.durability.rawValue), "backend": .string(backend.rawValue)])
        } else if backend.recordsRuns {
            disabledReason = "runs are not recorded: analytics.durability is off"
        } else {
            disabledReason = "runs are not recorded: analytics.backend is \(backend.rawValue)"
        }
        var metrics: QuiverMetrics?
        if backend.exportsMetrics {
            let made = QuiverMetrics(factory: factory)
            made.preregister(sandboxLimits: Mirror(reflecting: Limits()).children.compactMap(\.label))
            metrics = made
        }
        // Tool calls are counted as they finish by the executor's MetricsToolObserver (ToolsSetup), not here.
        let recorder = RunRecorder(writer: writer, metrics: metrics, observesToolCalls: false)

        readiness.register("analytics") { [writer, backend, settings] in
            guard let writer else { return .ready(disabledReason.isEmpty ? "backend \(backend.rawValue)" : disabledReason) }
            let stats = writer.statistics
            let summary = "\(stats.written) runs written, \(stats.dropped) dropped, queue \(stats.queueDepth)/\(settings.queueCapacity)"
            // A full queue with policy block holds requests back: take this instance out of rotation until it drains.
            if settings.overflow == .block, stats.queueDepth >= settings.queueCapacity {
                return .notReady("analytics queue full (overflow block): " + summary)
            }
            return .ready(summary)
        }
        return AnalyticsCapability(
            backend: backend, settings: settings, store: store, recorder: recorder, services: services,
            routes: RunsRoutes(store: store, disabledReason: disabledReason))
    }
}
