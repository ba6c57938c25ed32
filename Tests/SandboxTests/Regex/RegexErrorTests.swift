import Testing

@testable import Sandbox

@Suite("LinearRegex errors and limits")
struct RegexErrorTests {
    /// Pattern, expected code, scalar offset, and a fragment the message must contain.
    static let invalid: [(String, RegexError.Code, Int, String)] = [
        ("(ab", .syntax, 0, "missing closing )"),
        ("x(?:ab", .syntax, 1, "missing closing )"),
        ("ab)", .syntax, 2, "unexpected )"),
        ("[ab", .syntax, 0, "missing closing ]"),
        ("[z-a]", .syntax, 1, "invalid character class range"),
        ("[[:bogus:]]", .syntax, 1, "invalid character class range"),
        ("*a", .syntax, 0, "missing argument to repetition operator"),
        ("a|+", .syntax, 2, "missing argument to repetition operator"),
        ("(?i)*", .syntax, 4, "missing argument to repetition operator"),
        ("{2}", .syntax, 0, "missing argument to repetition operator"),
        ("a**", .syntax, 1, "bad repetition operator: **"),
        ("a*+", .syntax, 1, "bad repetition operator"),
        ("a{3,2}", .syntax, 1, "bad repetition operator: {3,2}"),
        ("a\\", .syntax, 1, "trailing backslash"),
        ("\\q", .syntax, 0, "invalid escape sequence"),
        ("\\xZZ", .syntax, 0, "invalid escape sequence"),
        ("\\x{110000}", .syntax, 0, "invalid escape sequence"),
        ("(?z)", .syntax, 0, "invalid or unsupported Perl syntax"),
        ("(?)", .syntax, 0, "missing flags"),
        ("(?P<n>a)(?P<n>b)", .syntax, 8, "duplicate capture group name"),
        ("(?P<>a)", .syntax, 0, "invalid named capture group"),
        ("(?P<a-b>x)", .syntax, 0, "invalid named capture group"),
        // Features a linear-time engine cannot have.
        ("(a)\\1", .unsupported, 3, "backreferences are not supported"),
        ("(?P<n>a)(?P=n)", .unsupported, 8, "backreferences are not supported"),
        ("\\k<n>", .unsupported, 0, "backreferences are not supported"),
        ("a(?=b)", .unsupported, 1, "lookaround is not supported"),
        ("a(?!b)", .unsupported, 1, "lookaround is not supported"),
        ("(?<=a)b", .unsupported, 0, "lookaround is not supported"),
        ("(?<!a)b", .unsupported, 0, "lookaround is not supported"),
        ("\\C", .unsupported, 0, "\\C"),
        ("\\p{Greek}", .unsupported, 0, "Unicode class"),
    ]

    @Test("invalid patterns give RegexError", arguments: invalid)
    func invalidPattern(pattern: String, code: RegexError.Code, position: Int, fragment: String) {
        #expect {
            _ = try LinearRegex(pattern: pattern)
        } throws: { error in
            guard let error = error as? RegexError else { return false }
            return error.code == code && error.position == position && error.message.contains(fragment)
        }
    }

    @Test func repetitionCountLimitIsRE2s1000() throws {
        _ = try LinearRegex(pattern: "a{1000}")
        let error = try #require(throws: RegexError.self) { try LinearRegex(pattern: "a{1001}") }
        #expect(error.code == .limit)
        #expect(error.message.contains("1001"))
        #expect(error.message.contains("maxRepeat"))
        #expect(throws: RegexError.self) { try LinearRegex(pattern: "a{2,1001}") }
    }

    @Test func patternLengthLimit() throws {
        let limits = RegexLimits(maxPatternLength: 10)
        _ = try LinearRegex(pattern: String(repeating: "a", count: 10), limits: limits)
        let error = try #require(throws: RegexError.self) {
            try LinearRegex(pattern: String(repeating: "a", count: 11), limits: limits)
        }
        #expect(error.code == .limit)
        #expect(error.message.contains("11"))
        #expect(error.message.contains("maxPatternLength"))
        #expect(RegexLimits.default.maxPatternLength == 4096)
    }

    @Test func programSizeLimit() throws {
        // Nested counted repetitions multiply: (a{1000}){1000} would be a million instructions.
        let error = try #require(throws: RegexError.self) { try LinearRegex(pattern: "(a{1000}){1000}") }
        #expect(error.code == .limit)
        #expect(error.message.contains("maxProgramSize"))
        #expect(error.message.contains("20000"))
        let small = RegexLimits(maxProgramSize: 8)
        _ = try LinearRegex(pattern: "abc", limits: small)
        #expect(throws: RegexError.self) { try LinearRegex(pattern: "abcdefgh", limits: small) }
    }

    @Test func nestingLimit() throws {
        let limits = RegexLimits(maxNesting: 5)
        _ = try LinearRegex(pattern: "(((((a)))))", limits: limits)
        let error = try #require(throws: RegexError.self) { try LinearRegex(pattern: "((((((a))))))", limits: limits) }
        #expect(error.code == .limit)
        #expect(error.message.contains("maxNesting"))
        // The default stops a deep pattern long before the stack could run out.
        let deep = String(repeating: "(", count: 3000) + String(repeating: ")", count: 3000)
        #expect(throws: RegexError.self) { try LinearRegex(pattern: deep) }
    }

    @Test func deepestAllowedNestingCompilesAndRunsInATask() async throws {
        let depth = RegexLimits.default.maxNesting
        #expect(depth == 100)
        let pattern = String(repeating: "(?:a|", count: depth) + "b" + String(repeating: ")", count: depth)
        let found = await Task.detached { () -> Bool? in
            guard let regex = try? LinearRegex(pattern: pattern) else { return nil }
            return regex.search("xxb")
        }.value
        #expect(found == true)
        #expect(throws: RegexError.self) { try LinearRegex(pattern: "(" + pattern + ")") }
    }

    @Test func emptyBodiesAreNotRepeatedIntoAHang() throws {
        let regex = try LinearRegex(pattern: "(?:(?:(?:a{0}){1000}){1000}){1000}b")
        #expect(regex.search("xb"))
        #expect(regex.programSize < 20)
    }

    @Test func errorDescriptionNamesTheOffset() throws {
        let error = try #require(throws: RegexError.self) { try LinearRegex(pattern: "ab(c") }
        #expect(error.description == "invalid regex at offset 2: missing closing ): (c")
    }
}
