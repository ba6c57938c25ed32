/// The configuration key `analytics.backend`: where runs and measurements go.
public enum AnalyticsBackend: String, Sendable, CaseIterable {
    /// Runs in `analytics.db` only.
    case sqlite
    /// `/metrics` only.
    case prometheus
    /// Both.
    case both
    /// Neither (the writer is created with durability `off`; metrics use a no-op factory).
    case none

    public var recordsRuns: Bool { self == .sqlite || self == .both }
    public var exportsMetrics: Bool { self == .prometheus || self == .both }

    /// Parses a configuration value; the error names the key, the value and the choices.
    public init(configValue: String) throws(AnalyticsError) {
        guard let backend = AnalyticsBackend(rawValue: configValue.lowercased()) else {
            throw AnalyticsError(
                .invalidArgument,
                "analytics.backend = \"\(configValue)\": expected one of \(AnalyticsBackend.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = backend
    }
}
