import Foundation
import Identifiers

extension RunRecordBuilder {
    /// A fresh run id: `run_`, 12 hex digits of unix milliseconds and 20 random ones (``TimeOrderedID``):
    /// unique without coordination, never a client's request id (which may repeat), and in start order so
    /// that `runs.id`'s index grows at its end.
    public static func newRunID() -> String {
        TimeOrderedID.make(prefix: "run_")
    }

    /// The wall clock in unix milliseconds UTC, the unit of every time in a ``RunRecord``.
    public static func nowMilliseconds() -> Int64 {
        AnalyticsStore.nowMilliseconds()
    }
}
