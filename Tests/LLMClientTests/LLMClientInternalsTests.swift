@testable import LLMClient
import Testing

@Suite struct LLMClientInternalsTests {
    @Test func serverSentEventsParsing() throws {
        var parser = ServerSentEvents(maxEventBytes: 1000)
        var events = try parser.feed(Array(": comment\r\ndata: {\"a\"".utf8))
        #expect(events.isEmpty)
        events += try parser.feed(Array(":1}\r\n\r\nevent: x\ndata: line1\ndata:line2\n\ndata: [DONE]".utf8))
        #expect(events == [#"{"a":1}"#, "line1\nline2"])
        events += try parser.feed(Array("\r".utf8))
        #expect(parser.finish() == "[DONE]")
        var small = ServerSentEvents(maxEventBytes: 8)
        #expect(throws: ServerSentEvents.TooLarge.self) { _ = try small.feed(Array("data: 0123456789\n".utf8)) }
    }

    @Test func retryAfterSecondsAndDates() {
        #expect(RetryAfter.parse("7", now: 0) == .seconds(7))
        #expect(RetryAfter.parse(" 0 ", now: 0) == .zero)
        #expect(RetryAfter.parse("-1", now: 0) == nil)
        #expect(RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:40 GMT", now: 784_111_777) == .seconds(3))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:30 GMT", now: 784_111_777) == .zero)
        #expect(RetryAfter.parse("soon", now: 0) == nil)
        #expect(RetryAfter.parse("Sun, 32 Nov 1994 08:49:40 GMT", now: 0) == nil)
    }

    @Test func backoffGrowsAndStaysWithinBounds() {
        let policy = LLMRetryPolicy(initialBackoff: .milliseconds(100), maxBackoff: .milliseconds(350), multiplier: 2, jitter: 0.5)
        for _ in 0..<50 {
            let first = policy.backoff(after: 1)
            #expect(first >= .milliseconds(50) && first <= .milliseconds(100))
            let third = policy.backoff(after: 3)
            #expect(third >= .milliseconds(175) && third <= .milliseconds(350))
        }
    }

    @Test func validationMarkers() {
        #expect(LLMClient.isValidationFailure(#"{"error":{"message":"failed to parse grammar"}}"#))
        #expect(!LLMClient.isValidationFailure(#"{"error":{"message":"Loading model"}}"#))
    }

    @Test func jsonSerialization() {
        let value = JSONValue.object([("z", .int(1)), ("a", .array([.null, .bool(true), .double(1.5), .string("\u{1}\"")])), ("r", .raw("[1]"))])
        #expect(value.serialized == #"{"z":1,"a":[null,true,1.5,"\u0001\""],"r":[1]}"#)
    }
}
