import JSONCore
import Testing

@Suite("JSON reader")
struct JSONReaderTests {
    func read(_ text: String, limits: JSONReader<TreeBuilder>.Limits = .init(), builder: TreeBuilder = TreeBuilder()) throws(JSONReadError) -> Tree {
        try JSONReader.read(Array(text.utf8), limits: limits, builder: builder)
    }

    @Test func readsEveryKindAndKeepsKeyOrder() throws {
        let value = try read(#" {"z": 1, "a": [true, false, null], "m": "x\u00e9\n", "f": -2.5e1} "#)
        #expect(value == .object([("z", .number("1")), ("a", .array([.bool(true), .bool(false), .null])), ("m", .string("xé\n")), ("f", .number("-2.5e1"))]))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, 8, "expected a string key"),
        ("[1 2]", 1, 4, 3, "expected ',' or ']'"),
        ("{\n  \"a\": tru\n}", 2, 8, 9, "expected 'true'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, 9, "duplicate key \"a\""),
        ("[01]", 1, 2, 1, "leading zeros"),
        ("[1.]", 1, 4, 3, "expected a digit after '.'"),
        ("[1e]", 1, 4, 3, "expected a digit in exponent"),
        ("\"abc", 1, 1, 0, "unterminated string"),
        ("\"a\u{01}\"", 1, 3, 2, "control character 0x1"),
        ("\"\\q\"", 1, 2, 1, "invalid escape"),
        ("\"\\u12g4\"", 1, 2, 1, "invalid hex digit"),
        ("[1e999]", 1, 2, 1, "out of range"),
        ("{} x", 1, 4, 3, "after the JSON value"),
        ("", 1, 1, 0, "expected a value"),
        ("[\"é\", x]", 1, 7, 7, "expected a value"),
        ("[\n\n  \"😀\",\n  ?]", 4, 3, 15, "expected a value, found '?'"),
    ])
    func errorsCarryLineColumnAndOffset(text: String, line: Int, column: Int, offset: Int, message: String) {
        do {
            _ = try read(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line, "\(text)")
            #expect(error.column == column, "\(text)")
            #expect(error.offset == offset, "\(text)")
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF0, 0x9F]] {
            #expect(throws: JSONReadError.self) { try JSONReader.read(bytes, builder: TreeBuilder()) }
        }
    }

    @Test func nestingLimitIsExactAndNamed() throws {
        let deep = String(repeating: "[", count: 11) + String(repeating: "]", count: 11)
        _ = try read(deep, limits: .init(maxDepth: 11))
        do {
            _ = try read(deep, limits: .init(maxDepth: 10))
            Issue.record("expected the depth limit")
        } catch {
            #expect(error.code == .tooDeep)
            #expect(error.message.contains("maxDepth=10"))
            #expect(error.column == 11, "reported at the bracket that went one level too deep")
        }
        // Far deeper than the stack could take unbounded: refused, not crashed.
        #expect(throws: JSONReadError.self) { try read(String(repeating: "{\"a\":", count: 200_000)) }
    }

    @Test func sizeLimitIsNamed() {
        do {
            _ = try read("[1, 2, 3]", limits: .init(maxBytes: 4))
            Issue.record("expected the size limit")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.message.contains("9 bytes") && error.message.contains("maxBytes=4"))
        }
    }

    @Test func byteOrderMarkOnlyWhenAllowed() throws {
        let text = "\u{FEFF}[1]"
        #expect(try read(text, limits: .init(skipsByteOrderMark: true)) == .array([.number("1")]))
        #expect(throws: JSONReadError.self) { try read(text) }
    }

    @Test func builderDecidesDuplicatesAndNumberRange() throws {
        #expect(try read(#"{"a": 1, "a": 2}"#, builder: TreeBuilder(allowsDuplicates: true)) == .object([("a", .number("1")), ("a", .number("2"))]))
        do {
            _ = try read("[1, 123456789]", builder: TreeBuilder(maxNumberLength: 5))
            Issue.record("expected out of range")
        } catch {
            #expect(error.code == .invalidNumber)
            #expect(error.column == 5)
        }
    }

    @Test func numberTokens() {
        let tokens = [
            JSONNumberToken(text: "9223372036854775808", isInteger: true), JSONNumberToken(text: "-9223372036854775808", isInteger: true),
            JSONNumberToken(text: "1.0", isInteger: false),
        ]
        #expect(tokens[0].int64 == nil && tokens[0].uint64 == 9_223_372_036_854_775_808)
        #expect(tokens[1].int64 == .min && tokens[1].uint64 == nil)
        #expect(tokens[2].int64 == nil && tokens[2].finiteDouble == 1)
        #expect(JSONNumberToken(text: "1e999", isInteger: false).finiteDouble == nil)
    }
}
