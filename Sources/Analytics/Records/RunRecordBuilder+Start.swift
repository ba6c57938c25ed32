import Foundation
import Identifiers

extension RunRecordBuilder {
    /// A fresh run id: `run_`, 12 hex digits of unix milliseconds and 20 random ones (``TimeOrderedID``):
    /// unique without coordination, never a client's request id (which may repeat), and in start order so
    /// that `runs.id`'s index grows at its end.
    ///
    /// Its time part is `startedAt` (unix ms) when given (and not negative), else the clock's reading.
    public static func newRunID(startedAt: Int64? = nil) -> String {
        guard let startedAt, startedAt >= 0 else { return TimeOrderedID.make(prefix: "run_") }
        return TimeOrderedID.make(prefix: "run_", milliseconds: UInt64(startedAt))
    }

    /// The wall clock in unix milliseconds UTC, the unit of every time in a ``RunRecord``.
    public static func nowMilliseconds() -> Int64 {
        AnalyticsStore.nowMilliseconds()
    }
}
