/// What happened to a run handed to ``AnalyticsWriter/record(_:)``.
public enum RecordOutcome: Sendable, Equatable {
    /// Durability `full`: the run is committed with `synchronous=FULL`.
    case committed
    /// Durability `normal`: the run is queued; the writer commits it in a batch.
    case enqueued
    /// The run was not recorded: the queue was full (policy `drop`) or the writer has shut down.
    case dropped(AnalyticsMetrics.DropReason)
    /// Durability `full`: the write failed; the error says why.
    case failed(AnalyticsError)
    /// Durability `off`: nothing is recorded.
    case disabled
}
