import Testing
@testable import Catalog

@Suite struct JSONParserTests {
    @Test func parsesAllValueKindsAndKeepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": [true, false, null], "m": "x\u00e9\n", "f": -2.5e1}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m", "f"])
        #expect(value["z"] == .int(1))
        #expect(value["a"] == [true, false, nil])
        #expect(value["m"] == .string("xé\n"))
        #expect(value["f"] == .double(-25))
    }

    @Test func keepsBigIntegersExact() throws {
        let value = try JSONParser.parse("[9007199254740993, -9223372036854775808, 9223372036854775808, 1.0]")
        let items = try #require(value.arrayValue)
        #expect(items[0].numberValue?.int == 9_007_199_254_740_993)
        #expect(items[1].numberValue?.int == Int64.min)
        #expect(items[2].numberValue?.int == nil)
        #expect(items[2].doubleValue == 9.223372036854775808e18)
        #expect(items[3].numberValue?.int == 1)
        #expect(items[3].typeName == "integer")
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a string key"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\n  \"a\": tru\n}", 2, 8, "expected 'true'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\""),
        ("[01]", 1, 2, "leading zeros"),
        ("[1.]", 1, 4, "expected a digit after '.'"),
        ("\"abc", 1, 1, "unterminated string"),
        ("\"a\u{01}\"", 1, 3, "control character"),
        ("\"\\ud800x\"", 1, 2, "unpaired high surrogate"),
        ("\"\\q\"", 1, 2, "invalid escape"),
        ("[1e999]", 1, 2, "out of range"),
        ("{} x", 1, 4, "after the JSON value"),
        ("", 1, 1, "expected a value"),
        ("[\"é\", x]", 1, 7, "expected a value"),
    ])
    func reportsLineAndColumn(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes: [0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes: [0x22, 0xC0, 0xAF, 0x22]) }
    }

    @Test func enforcesDepthLimit() {
        let deep = String(repeating: "[", count: 11) + String(repeating: "]", count: 11)
        #expect(throws: Never.self) { try JSONParser.parse(deep, limits: JSONParser.Limits(maxDepth: 11)) }
        do {
            _ = try JSONParser.parse(deep, limits: JSONParser.Limits(maxDepth: 10))
            Issue.record("expected the depth limit")
        } catch {
            #expect(error.code == .tooDeep)
            #expect(error.message.contains("maxDepth=10"))
        }
    }

    @Test func enforcesSizeLimit() {
        do {
            _ = try JSONParser.parse("[1, 2, 3]", limits: JSONParser.Limits(maxBytes: 4))
            Issue.record("expected the size limit")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.message.contains("9 bytes"))
            #expect(error.message.contains("maxBytes=4"))
        }
    }

    @Test func serializesRoundTrip() throws {
        let text = #"{"b":[1,2.5,"x\"y",null],"a":{"c":true}}"#
        let value = try JSONParser.parse(text)
        #expect(value.serialized() == text)
        #expect(value.serialized(sortedKeys: true) == #"{"a":{"c":true},"b":[1,2.5,"x\"y",null]}"#)
        #expect(JSONValue.double(.nan).serialized() == "null")
        #expect(JSONValue.string("\u{01}").serialized() == #""\u0001""#)
    }
}
