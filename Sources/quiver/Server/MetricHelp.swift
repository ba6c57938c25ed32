import Analytics

/// `# HELP` texts and histogram buckets for metrics other modules create through the swift-metrics API
/// (which has no help text of its own). `/metrics` fills in the help of every family that lacks one from
/// `texts` (`APIMetrics` → `MetricsText`): that one mechanism serves every module. Analytics' stage
/// metrics (`quiver_llm_*`, `quiver_tool_*`, `quiver_analytics_*`...) come from `MetricCatalog`; add a
/// line below when another module adds a metric (a missing one gets a generic text).
enum MetricHelp {
    static let texts: [String: String] = MetricCatalog.help.merging(others) { catalog, _ in catalog }

    /// Help for metrics defined outside Analytics.
    static let others: [String: String] = [:]

    /// Buckets per histogram name for the Prometheus factory (others get the factory's defaults).
    static let durationBuckets: [String: [Duration]] = MetricCatalog.durationBuckets
}
