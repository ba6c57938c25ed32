import Synchronization

/// A readiness state a subsystem flips as it starts and stops; register `report` as its check.
///
/// ```swift
/// let catalogReady = ReadinessFlag(initialMessage: "loading catalog")
/// readiness.register("catalog") { catalogReady.report }
/// catalogReady.set(.ready("1,204 tools indexed"))
/// ```
public final class ReadinessFlag: Sendable {
    private let state: Mutex<ReadinessReport>

    public init(initialMessage: String) {
        self.state = Mutex(.notReady(initialMessage))
    }

    public var report: ReadinessReport { state.withLock { $0 } }

    public func set(_ report: ReadinessReport) {
        state.withLock { $0 = report }
    }
}
