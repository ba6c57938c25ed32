import Catalog
import Testing
@testable import Tools

@Suite struct TextBuiltinsTests {
    @Test(arguments: [
        (#"{"text": "Order 1234 shipped, 56 left", "pattern": "[0-9]+"}"#, #""1234""#),
        (#"{"text": "Order 1234 shipped, 56 left", "pattern": "[0-9]+", "all": true}"#, #"["1234","56"]"#),
        (#"{"text": "mail bob@example.com, amy@test.org", "pattern": "(\\w+)@([\\w.]+)", "group": 2, "all": true}"#, #"["example.com","test.org"]"#),
        (#"{"text": "no digits", "pattern": "[0-9]+"}"#, "null"),
        (#"{"text": "no digits", "pattern": "[0-9]+", "all": true}"#, "[]"),
        (#"{"text": "a1b2c3", "pattern": "[0-9]", "all": true, "max_matches": 2}"#, #"["1","2"]"#),
        (#"{"text": "ab", "pattern": "(x)?b"}"#, #""b""#),
        (#"{"text": "ab", "pattern": "(x)?b", "group": 1}"#, "null"),
        (#"{"text": "baa", "pattern": "a*", "all": true}"#, #"["","aa"]"#),
        (#"{"text": "aab", "pattern": "a*", "all": true}"#, #"["aa",""]"#),
        (#"{"text": "héllo wörld", "pattern": "\\pL+", "all": true}"#, #"["héllo","wörld"]"#),
    ])
    func regexExtract(arguments: String, expected: String) throws {
        #expect(try call("text_regex_extract", try JSONParser.parse(arguments)).serialized() == expected)
    }

    @Test func regexErrors() {
        #expect(failure("text_regex_extract", ["text": "x", "pattern": "(a"])?.path?.description == "$.pattern")
        #expect(failure("text_regex_extract", ["text": "x", "pattern": "(a)\\1"])?.path?.description == "$.pattern")
        #expect(failure("text_regex_extract", ["text": "x", "pattern": "(a)", "group": 2])?.description == "$.group: the pattern has 1 capture group, not 2")
    }

    @Test func regexIsLinearOnPathologicalInput() throws {
        let text = JSONValue.string(String(repeating: "a", count: 5_000))
        #expect(try call("text_regex_extract", ["text": text, "pattern": "(a+)+$"]) != .null)
        #expect(try call("text_regex_extract", ["text": text, "pattern": "(a|aa)*b"]) == .null)
    }

    @Test func regexWorkLimit() {
        let small = BuiltinTools(context: BuiltinContext(limits: BuiltinLimits(maxRegexWork: 100)))
        let text = JSONValue.string(String(repeating: "a ", count: 40))
        #expect(throws: Never.self) { try small.call("text_regex_extract", arguments: ["text": text, "pattern": "a"]) }
        do {
            _ = try small.call("text_regex_extract", arguments: ["text": text, "pattern": "a", "all": true])
            Issue.record("expected the work limit")
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.message.contains("maxRegexWork=100"))
        }
    }

    @Test(arguments: [
        (#"{"text": "The quick brown fox", "max_length": 12}"#, "The quick…"),
        (#"{"text": "The quick brown fox", "max_length": 12, "word_boundary": false}"#, "The quick b…"),
        (#"{"text": "The quick brown fox", "max_length": 10, "ellipsis": "..."}"#, "The..."),
        (#"{"text": "short", "max_length": 10}"#, "short"),
        (#"{"text": "abcdef", "max_length": 2, "ellipsis": "..."}"#, ".."),
        (#"{"text": "👍🏽👍🏽👍🏽", "max_length": 2, "ellipsis": "…"}"#, "👍🏽…"),
        (#"{"text": "Supercalifragilistic", "max_length": 8}"#, "Superca…"),
    ])
    func truncates(arguments: String, expected: String) throws {
        #expect(try call("text_truncate", try JSONParser.parse(arguments)) == .string(expected))
    }

    @Test(arguments: [
        ("", 0), ("one", 1), ("  two  words ", 2), ("don't stop - now", 3), ("state-of-the-art\nline two\t3", 4),
        ("北京 欢迎你", 2), ("— … !", 0),
    ])
    func countsWords(text: String, count: Int) throws {
        #expect(try call("text_word_count", ["text": .string(text)]) == .int(count))
    }

    @Test func changesCase() throws {
        #expect(try call("text_lowercase", ["text": "ÀBC Straße"]) == "àbc straße")
        #expect(try call("text_uppercase", ["text": "àbc straße"]) == "ÀBC STRASSE")
    }

    @Test(arguments: [
        (#"{"text": "a-b-c", "find": "-", "replacement": "+"}"#, "a+b+c"),
        (#"{"text": "a-b-c", "find": "-", "replacement": "", "max_replacements": 1}"#, "ab-c"),
        (#"{"text": "aaaa", "find": "aa", "replacement": "b"}"#, "bb"),
        (#"{"text": "line1\r\nline2", "find": "\n", "replacement": " "}"#, "line1\r line2"),
        (#"{"text": "none", "find": "x", "replacement": "y"}"#, "none"),
    ])
    func replaces(arguments: String, expected: String) throws {
        #expect(try call("text_replace", try JSONParser.parse(arguments)) == .string(expected))
    }

    @Test func replaceLimitsItsOutput() {
        let small = BuiltinTools(context: BuiltinContext(limits: BuiltinLimits(maxStringScalars: 20)))
        #expect(throws: Never.self) { try small.call("text_replace", arguments: ["text": "aaaa", "find": "a", "replacement": "bbbbb"]) }
        let error = failure2(small, "text_replace", ["text": "aaaaa", "find": "a", "replacement": "bbbbb"])
        #expect(error?.description == "$.replacement: result would exceed the limit maxStringScalars=20")
        #expect(failure("text_replace", ["text": "a", "find": "", "replacement": "b"])?.description == "$.find: must not be empty")
        #expect(failure("text_truncate", ["text": "abc"])?.description == "$.max_length: required argument missing")
        #expect(failure("text_truncate", ["text": "abc", "max_length": 0])?.description == "$.max_length: must be at least 1, found 0")
    }

    @Test(arguments: [
        (#"{"text": "a,b,,c", "separator": ","}"#, #"["a","b","","c"]"#),
        (#"{"text": "a, b,,c ", "separator": ",", "trim": true, "drop_empty": true}"#, #"["a","b","c"]"#),
        (#"{"text": "a,b,c,d", "separator": ",", "max_parts": 2}"#, #"["a","b,c,d"]"#),
        (#"{"text": "l1\r\nl2\nl3", "separator": "\n", "trim": true}"#, #"["l1","l2","l3"]"#),
        (#"{"text": "", "separator": ","}"#, #"[""]"#),
        (#"{"text": "abc", "separator": "::"}"#, #"["abc"]"#),
    ])
    func splits(arguments: String, expected: String) throws {
        #expect(try call("text_split", try JSONParser.parse(arguments)).serialized() == expected)
    }
}

func failure2(_ tools: BuiltinTools, _ function: String, _ arguments: JSONValue) -> ToolError? {
    do {
        _ = try tools.call(function, arguments: arguments)
        return nil
    } catch {
        return error
    }
}
