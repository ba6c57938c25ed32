/// How often a batch's inserts offer the processor to other threads (`sched_yield`), so that the writer
/// never holds a core for long while request threads wait for it.
///
/// Measured with `Benchmarks/analytics/request_p99.sh` (`/v1/plans/run`, backend `both` against `none`):
///
/// | pace | saturated p99 | paced p99 | runs dropped |
/// |---|---|---|---|
/// | no yield | 1.40x | 1.41x | 0 |
/// | every chunk, always | 1.08-1.12x | 1.03-1.06x | 0 |
/// | every statement, always | 1.03x | 1.09x | 4,917 (the writer fell behind) |
/// | ``forWriter(queueDepth:batchSize:)`` | 0.99-1.11x | 1.02-1.08x | 0 |
///
/// (Five runs of the last row, with SQLite's automatic checkpoints still inside the writer's commits; with them
/// moved off its thread, ``AnalyticsStore/checkpointIfDue(_:)``, and the rest of session 5's changes, nine runs
/// gave 0.98-1.06x saturated and 1.03-1.08x paced.)
public enum YieldPace: Sendable, Equatable {
    /// Before every INSERT statement but the batch's first: 16 rows, 20-40 µs of CPU, at most between two yields.
    case everyStatement
    /// Before every ``AnalyticsStore/runsPerYield``th run (a runs statement and its children's, about 100 µs).
    case everyChunk

    /// The writer's pace for its next batch: every statement while it keeps up (fewer than two batches
    /// queued behind this one), every chunk once it falls behind, so that it catches up (yielding often
    /// puts it at the back of the run queue each time) instead of filling the queue until runs are dropped.
    public static func forWriter(queueDepth: Int, batchSize: Int) -> YieldPace {
        queueDepth / 2 < batchSize ? .everyStatement : .everyChunk
    }
}
