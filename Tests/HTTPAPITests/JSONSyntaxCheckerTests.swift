import HTTPAPI
import Testing

@Suite struct JSONSyntaxCheckerTests {
    @Test(arguments: [
        #"{}"#, #"[]"#, #" {"a": [1, -2.5e3, true, false, null, "x\u00e9\n"]} "#, #"0"#, #""s""#, #"{"a":{"b":{"c":[[]]}}}"#,
    ])
    func acceptsValidJSON(_ text: String) {
        #expect(JSONSyntaxChecker().firstError(in: Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        ("", 1, 1, "end of input"),
        ("{", 1, 2, "end of input"),
        (#"{"a" 1}"#, 1, 6, "expected ':'"),
        (#"{"a":1,}"#, 1, 8, "expected a string key"),
        ("[1,\n 2,\n 03]", 3, 3, "leading zeros"),
        (#"[1 2]"#, 1, 4, "expected ','"),
        (#"{"a":tru}"#, 1, 9, "expected 'true'"),
        (#""abc"#, 1, 5, "unterminated string"),
        ("\"a\tb\"", 1, 3, "control character"),
        (#"{"é":x}"#, 1, 6, "expected a value"),
        (#"{} x"#, 1, 4, "after the JSON value"),
        (#"[1.]"#, 1, 4, "after the decimal point"),
        (#""\q""#, 1, 3, "invalid escape"),
    ])
    func reportsFirstErrorPosition(text: String, line: Int, column: Int, reason: String) throws {
        let error = try #require(JSONSyntaxChecker().firstError(in: Array(text.utf8)))
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.reason.contains(reason), "\(error.reason)")
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let text = String(repeating: "[", count: 100_000)
        let error = try #require(JSONSyntaxChecker(maxDepth: 512).firstError(in: Array(text.utf8)))
        #expect(error.reason.contains("512"))
        #expect(error.offset == 512)
    }
}
