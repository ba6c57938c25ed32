import Foundation

extension RunRecordBuilder {
    /// A fresh run id: `run_` and 32 random hex digits (never a client's request id, which may repeat).
    public static func newRunID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return "run_" + hex16(high) + hex16(low)
    }

    /// The wall clock in unix milliseconds UTC, the unit of every time in a ``RunRecord``.
    public static func nowMilliseconds() -> Int64 {
        AnalyticsStore.nowMilliseconds()
    }

    private static func hex16(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.utf8.count) + text
    }
}
