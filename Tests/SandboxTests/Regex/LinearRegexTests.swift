import Testing

@testable import Sandbox

/// One table row: pattern, text, and the expected groups of the first match (group 0 first), or nil for no match.
struct RegexCase: CustomStringConvertible, Sendable {
    let pattern: String
    let text: String
    let groups: [String?]?

    init(_ pattern: String, _ text: String, _ groups: [String?]?) {
        self.pattern = pattern
        self.text = text
        self.groups = groups
    }

    var description: String { "/\(pattern)/ on \"\(text)\"" }
}

@Suite("LinearRegex matching")
struct LinearRegexTests {
    /// The `matches` cases of the CEL conformance suite (string.json), as pattern, text and result.
    static let celConformance: [(String, String, Bool)] = [
        ("ubb", "hubba", true),
        ("foo|bar", "", false),
        ("", "cows", true),
        ("", "", true),
        ("bc", "abcd", true),
        ("gr(a|e)y", "grey", true),
        ("ba(na)*", "banana", true),
        ("a+ñ+a+", "mañana", true),
        ("(a|😀){2}", "🐱😀😀", true),
    ]

    @Test("CEL conformance matches() cases", arguments: celConformance)
    func celCases(pattern: String, text: String, expected: Bool) throws {
        let regex = try LinearRegex(pattern: pattern)
        #expect(regex.search(text) == expected)
        #expect((regex.firstMatch(text) != nil) == expected)
    }

    static let cases: [RegexCase] = [
        // Literals, concatenation, alternation: leftmost-first, not leftmost-longest.
        RegexCase("abc", "xxabcxx", ["abc"]),
        RegexCase("abc", "ab", nil),
        RegexCase("a|ab", "ab", ["a"]),
        RegexCase("ab|a", "ab", ["ab"]),
        RegexCase("(a|ab)(c|bcd)", "abcd", ["abcd", "a", "bcd"]),
        RegexCase("x*", "", [""]),
        RegexCase("x*", "yx", [""]),
        // Repetition, greedy and lazy.
        RegexCase("a*", "aaa", ["aaa"]),
        RegexCase("a*?", "aaa", [""]),
        RegexCase("a+?", "aaa", ["a"]),
        RegexCase("a??b", "ab", ["ab"]),
        RegexCase("<(.+)>", "<a><b>", ["<a><b>", "a><b"]),
        RegexCase("<(.+?)>", "<a><b>", ["<a>", "a"]),
        RegexCase("a{2}", "aaaa", ["aa"]),
        RegexCase("a{2,}", "aaaa", ["aaaa"]),
        RegexCase("a{2,3}", "aaaa", ["aaa"]),
        RegexCase("a{2,3}?", "aaaa", ["aa"]),
        RegexCase("a{0}b", "ab", ["b"]),
        RegexCase("a{3}", "aa", nil),
        RegexCase("a{,3}", "a{,3}", ["a{,3}"]),
        RegexCase("a{x", "a{x", ["a{x"]),
        RegexCase("(ab){2}", "abababx", ["abab", "ab"]),
        // Groups and captures; a group that did not take part is nil.
        RegexCase("(a)|(b)", "b", ["b", nil, "b"]),
        RegexCase("(a)?b", "b", ["b", nil]),
        RegexCase("(?:a)(b)", "ab", ["ab", "b"]),
        RegexCase("(?P<first>\\w+) (?P<last>\\w+)", "Ada Lovelace", ["Ada Lovelace", "Ada", "Lovelace"]),
        RegexCase("(?<year>\\d{4})-(?<month>\\d{2})", "on 2024-05-17", ["2024-05", "2024", "05"]),
        RegexCase("(a*)+", "b", ["", ""]),
        RegexCase("(a*)*", "aa", ["aa", "aa"]),
        RegexCase("((a)|b)+", "ab", ["ab", "b", "a"]),
        // A loop whose body can match empty prefers leaving over an empty iteration (RE2 and Perl agree).
        RegexCase("(|a)*", "aa", ["", ""]),
        RegexCase("(|a)+", "aa", ["", ""]),
        RegexCase("x((a|b)*?)*", "Axab", ["x", "", nil]),
        // Dot, newline and (?s).
        RegexCase("a.c", "abc", ["abc"]),
        RegexCase("a.c", "a\nc", nil),
        RegexCase("(?s)a.c", "a\nc", ["a\nc"]),
        RegexCase("(?s:a.)c|x", "a\nc", ["a\nc"]),
        RegexCase(".", "😀", ["😀"]),
        RegexCase("^.$", "é", ["é"]),
        // Anchors; $ matches only at the very end without (?m), as in RE2.
        RegexCase("^abc$", "abc", ["abc"]),
        RegexCase("^abc$", "abc\n", nil),
        RegexCase("^b", "ab", nil),
        RegexCase("(?m)^b$", "a\nb\nc", ["b"]),
        RegexCase("(?m)$", "a\nb", [""]),
        RegexCase("\\Aab\\z", "ab", ["ab"]),
        RegexCase("(?m)\\Ab", "a\nb", nil),
        RegexCase("a$|b", "ab", ["b"]),
        RegexCase("\\bfoo\\b", "a foo.", ["foo"]),
        RegexCase("\\bfoo\\b", "afoo", nil),
        RegexCase("\\Boo\\B", "afoob", ["oo"]),
        // Perl, POSIX and Unicode classes.
        RegexCase("\\d+", "ab 123 c", ["123"]),
        RegexCase("\\d", "٣", nil),
        RegexCase("\\D+", "12ab3", ["ab"]),
        RegexCase("\\s+", "a \t\nb", [" \t\n"]),
        RegexCase("\\S+", "  ab  ", ["ab"]),
        RegexCase("\\w+", "-- é_x1 --", ["_x1"]),
        RegexCase("\\W", "ab-", ["-"]),
        RegexCase("[a-c]+", "xxbcay", ["bca"]),
        RegexCase("[^a-c]+", "abxyc", ["xy"]),
        RegexCase("[^a]", "\n", ["\n"]),
        RegexCase("[]a]+", "]a]b", ["]a]"]),
        RegexCase("[^]a]", "]ab", ["b"]),
        RegexCase("[a-]+", "-a-b", ["-a-"]),
        RegexCase("[\\d.]+", "v1.25!", ["1.25"]),
        RegexCase("[^\\d\\s]+", "12 ab 3", ["ab"]),
        RegexCase("[[:alpha:]]+", "12abC3", ["abC"]),
        RegexCase("[[:^alpha:]]+", "ab12c", ["12"]),
        RegexCase("[[:digit:][:upper:]]+", "abC1D2e", ["C1D2"]),
        RegexCase("[[:xdigit:]]+", "xyzBEEFg", ["BEEF"]),
        RegexCase("[[:punct:]]+", "ab!?c", ["!?"]),
        RegexCase("\\p{L}+", "12 héllo 3", ["héllo"]),
        RegexCase("\\pL+", "12 ωμέγα", ["ωμέγα"]),
        RegexCase("\\p{Lu}+", "abcDÉFghi", ["DÉF"]),
        RegexCase("\\p{Ll}+", "ABCdéfGHI", ["déf"]),
        RegexCase("\\p{N}+", "ab٣4Ⅻc", ["٣4Ⅻ"]),
        RegexCase("\\PL+", "ab12cd", ["12"]),
        RegexCase("\\p{^L}+", "ab12cd", ["12"]),
        RegexCase("[\\p{Lu}\\d]+", "aB1Cd", ["B1C"]),
        RegexCase("\\p{Nd}\\p{Zs}\\p{Sc}\\p{Pd}\\p{Lt}\\p{Mn}", "x٣\u{A0}€-ǅ\u{301}", ["٣\u{A0}€-ǅ\u{301}"]),
        RegexCase("\\p{Any}+", "a\n😀", ["a\n😀"]),
        RegexCase("\\pP+", "ab!?¿c", ["!?¿"]),
        // Escapes.
        RegexCase("a\\.b", "axb a.b", ["a.b"]),
        RegexCase("\\(\\)\\[\\]\\{\\}\\*\\+\\?\\|\\^\\$\\\\", "()[]{}*+?|^$\\", ["()[]{}*+?|^$\\"]),
        RegexCase("\\x41\\x{1F600}", "A😀", ["A😀"]),
        RegexCase("\\t\\n", "a\t\nb", ["\t\n"]),
        RegexCase("\\101", "A", ["A"]),
        RegexCase("\\Qa.b*\\E+", "a.b**", ["a.b**"]),
        RegexCase("[\\x{e9}-\\x{ea}]", "ê", ["ê"]),
        // Flags.
        RegexCase("(?i)hello", "HeLLo", ["HeLLo"]),
        RegexCase("(?i)straße", "STRAßE", ["STRAßE"]),
        RegexCase("(?i)σ", "Σ", ["Σ"]),
        RegexCase("(?i)k", "\u{212A}", ["\u{212A}"]),
        RegexCase("(?i)[a-c]+", "xABCy", ["ABC"]),
        RegexCase("(?i)[^a]", "A", nil),
        RegexCase("a(?i)b|c", "C", ["C"]),
        RegexCase("(?i:a)b", "AB", nil),
        RegexCase("(?i:a)b", "Ab", ["Ab"]),
        RegexCase("(?i)a(?-i)b", "Ab", ["Ab"]),
        RegexCase("(?i)a(?-i)b", "AB", nil),
        RegexCase("(?U)a+", "aaa", ["a"]),
        RegexCase("(?U)a+?", "aaa", ["aaa"]),
        // Unicode scalars, not bytes or graphemes.
        RegexCase("e\u{301}", "e\u{301}", ["e\u{301}"]),
        RegexCase("^.{2}$", "e\u{301}", ["e\u{301}"]),
        RegexCase("ñ", "man\u{303}ana", nil),
    ]

    @Test("table of patterns, texts and groups", arguments: cases)
    func table(_ row: RegexCase) throws {
        let regex = try LinearRegex(pattern: row.pattern)
        let match = regex.firstMatch(row.text)
        #expect(regex.search(row.text) == (row.groups != nil))
        guard let expected = row.groups else {
            #expect(match == nil)
            return
        }
        let found = try #require(match)
        #expect(found.groups.map { $0.map(String.init) } == expected)
        #expect(found.groups.count == regex.captureCount + 1)
    }

    @Test func namedGroupsByName() throws {
        let regex = try LinearRegex(pattern: #"(?P<user>[\w.]+)@(?<host>[\w.]+)"#)
        let match = try #require(regex.firstMatch("write to ada.l@example.org today"))
        #expect(match["user"] == "ada.l")
        #expect(match["host"] == "example.org")
        #expect(match["missing"] == nil)
        #expect(match[7] == nil)
        #expect(match.value == "ada.l@example.org")
        #expect(regex.captureNames == ["user": 1, "host": 2])
    }

    @Test func matchRangeIsInTheSearchedText() throws {
        let text = "αβγ-123-δ"
        let match = try #require(try LinearRegex(pattern: "[0-9]+").firstMatch(text))
        #expect(text[match.range] == "123")
        #expect(text.unicodeScalars.distance(from: text.startIndex, to: match.range.lowerBound) == 4)
    }
}
