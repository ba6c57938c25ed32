import Testing
@testable import SentenceEncoder

@Suite struct JSONParserTests {
    @Test func parsesNestedValues() throws {
        let v = try JSONParser.parse(Array(#"{"a": [1, -2.5e1, true, null, "x\u00e9\ud83d\ude00\n"], "b": {}}"#.utf8))
        #expect(v["a"]?.arrayValue?.count == 5)
        #expect(v["a"]?.arrayValue?[0].intValue == 1)
        #expect(v["a"]?.arrayValue?[1] == .number(-25))
        #expect(v["a"]?.arrayValue?[4].stringValue == "xé😀\n")
        #expect(v["b"] == .object([:]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", "{\"a\":1,\"a\":2}", "-", "[01x]"])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func keepingAndDroppingSkipMembersButStillCheckThem() throws {
        let text = #"{"big": {"x": [1, {"y": "\"}"}]}, "model": {"type": "WordPiece", "vocab": {"a": 0}}, "n": 1}"#
        let v = try JSONParser.parse(Array(text.utf8), keeping: ["model", "n"], dropping: ["vocab"])
        #expect(v["big"] == nil)
        #expect(v["n"]?.intValue == 1)
        #expect(v["model"]?["type"]?.stringValue == "WordPiece")
        #expect(v["model"]?["vocab"] == nil)
        #expect(throws: JSONSyntaxError.self) {
            _ = try JSONParser.parse(Array(#"{"big": [1, 2,], "n": 1}"#.utf8), keeping: ["n"])
        }
    }

    @Test func nestingLimit() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(Array(deep.utf8), maxDepth: 64) }
        #expect((try? JSONParser.parse(Array(deep.utf8), maxDepth: 128)) != nil)
    }
}

@Suite struct XXHash64Tests {
    @Test(arguments: [
        ("", 0xEF46_DB37_51D8_E999 as UInt64),
        ("a", 0xD24E_C4F1_A98C_6E5B),
        ("abc", 0x44BC_2CF5_AD77_0999),
    ])
    func knownVectors(text: String, expected: UInt64) {
        #expect(XXHash64.hash(Array(text.utf8)) == expected)
    }

    @Test func streamingEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var streamed = XXHash64()
        bytes.withUnsafeBytes { raw in
            streamed.update(UnsafeRawBufferPointer(rebasing: raw[0..<5]))
            streamed.update(UnsafeRawBufferPointer(rebasing: raw[5..<77]))
            streamed.update(UnsafeRawBufferPointer(rebasing: raw[77...]))
        }
        #expect(streamed.finalize() == XXHash64.hash(bytes))
    }
}
