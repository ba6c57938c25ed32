import Identifiers
import Testing

@Suite struct TimeOrderedIDTests {
    @Test func shapeIsPrefixAnd32LowercaseHexDigits() {
        let id = TimeOrderedID.make(prefix: "run_")
        #expect(id.hasPrefix("run_"))
        let hex = id.dropFirst(4)
        #expect(hex.count == 32)
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func idsSortByTheirMilliseconds() {
        let earlier = TimeOrderedID.make(prefix: "run_", milliseconds: 1_700_000_000_000)
        let later = TimeOrderedID.make(prefix: "run_", milliseconds: 1_700_000_000_001)
        let muchLater = TimeOrderedID.make(prefix: "run_", milliseconds: 1_900_000_000_000)
        #expect(earlier < later)
        #expect(later < muchLater)
        #expect(TimeOrderedID.milliseconds(of: later, prefix: "run_") == 1_700_000_000_001)
    }

    @Test func theClockPartIsNow() {
        let before = TimeOrderedID.nowMilliseconds()
        let id = TimeOrderedID.make(prefix: "x")
        let after = TimeOrderedID.nowMilliseconds()
        let stamp = TimeOrderedID.milliseconds(of: id, prefix: "x")
        #expect(stamp.map { $0 >= before && $0 <= after } == true)
        // 2020-01-01 < now < 2100-01-01: the clock is read in milliseconds, not seconds or microseconds.
        #expect(before > 1_577_836_800_000 && before < 4_102_444_800_000)
    }

    @Test func idsInTheSameMillisecondDiffer() {
        let ids = (0..<10_000).map { _ in TimeOrderedID.make(prefix: "run_", milliseconds: 42) }
        #expect(Set(ids).count == ids.count)
    }

    @Test func foreignTextIsNotParsed() {
        #expect(TimeOrderedID.milliseconds(of: "run_xyz", prefix: "run_") == nil)
        #expect(TimeOrderedID.milliseconds(of: "job_" + String(repeating: "0", count: 32), prefix: "run_") == nil)
        #expect(TimeOrderedID.milliseconds(of: "run_" + String(repeating: "g", count: 32), prefix: "run_") == nil)
    }
}
