import Testing

@testable import Analytics

/// Pins the JSON text stored in analytics rows (dashboards and docs/analytics queries read it with json_each).
@Suite struct JSONTextTests {
    @Test func namesAndHitsKeepTheirBytes() {
        #expect(JSONText.array([]) == "[]")
        #expect(JSONText.array(["a", "quote\"d", "back\\slash", "new\nline\ttab\r", "ctl\u{01}\u{1F}", "émoji 🏹\u{2028}"])
            == #"["a","quote\"d","back\\slash","new\nline\ttab\r","ctl\u0001\u001f","émoji 🏹"# + "\u{2028}\"]")
        let hits = [
            SearchRecord.Hit(tool: "t.one", score: 0.5), SearchRecord.Hit(tool: "t\"two", score: 1),
            SearchRecord.Hit(tool: "nan", score: .nan), SearchRecord.Hit(tool: "big", score: 1e300), SearchRecord.Hit(tool: "neg", score: -0.0),
        ]
        #expect(JSONText.hits(hits)
            == #"[{"score":0.5,"tool":"t.one"},{"score":1.0,"tool":"t\"two"},{"score":0,"tool":"nan"},{"score":1e+300,"tool":"big"},{"score":-0.0,"tool":"neg"}]"#)
        #expect(JSONText.hits([]) == "[]")
    }
}
