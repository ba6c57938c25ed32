/// `# HELP` texts for metrics other modules create through the swift-metrics API (which has no help
/// text of its own). Add a line when a module adds a metric; a missing one gets a generic text.
enum MetricHelp {
    static let texts: [String: String] = [:]
}
