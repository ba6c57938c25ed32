import Logging
import Synchronization
import Testing

@testable import quiver

/// Pins the bytes of a JSON log line (log shippers parse them): field order, escaping, numbers, NaN as text.
@Suite struct JSONLogHandlerTests {
    @Test func writesOneCompactObjectPerLine() throws {
        let lines = Mutex<[String]>([])
        let logger = Logger(label: "quiver.test") { label in
            JSONLogHandler(label: label, level: .trace, write: { line in lines.withLock { $0.append(line) } })
        }
        logger.info("hello \"world\"", metadata: [
            "a": .string("q\"uote\nnew\u{01}\\"), "b": .stringConvertible(42), "c": .stringConvertible(2.5),
            "d": .stringConvertible(Double.nan), "e": .array([.string("x"), .stringConvertible(true)]),
            "f": .dictionary(["z": .string("1"), "y": .string("2")]), "level": .string("not repeated"), "g\u{2028}": .string("é\u{2028}"),
        ])
        let line = try #require(lines.withLock { $0.first })
        let stamp = try #require(line.firstRange(of: #/"ts":"[0-9T:.\-]+Z"/#))
        let expected = #"{"ts":"T","level":"info","logger":"quiver.test","msg":"hello \"world\"","a":"q\"uote\nnew\u0001\\","b":42,"c":2.5,"d":"nan","e":["x",true],"f":{"y":"2","z":"1"},"g"#
            + "\u{2028}\":\"é\u{2028}\"}\n"
        var normalised = line
        normalised.replaceSubrange(stamp, with: #""ts":"T""#)
        #expect(normalised == expected)
    }
}
