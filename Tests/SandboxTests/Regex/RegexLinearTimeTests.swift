import Testing

@testable import Sandbox

/// Patterns that make a backtracking engine take exponential time. These only assert the results:
/// the time is measured by the benchmark, never by a test.
@Suite("LinearRegex on pathological input")
struct RegexLinearTimeTests {
    static let thirtyThousandAs = String(repeating: "a", count: 30_000)

    @Test(arguments: ["(a*)*b", "(a|a)*c", "(a+)+b", "(a|aa)*b", "(x+x+)+y", "^(a?){30}a{30}$x", "(.*)*b"])
    func noMatchOverALongRun(pattern: String) throws {
        let regex = try LinearRegex(pattern: pattern)
        #expect(!regex.search(Self.thirtyThousandAs))
        #expect(regex.firstMatch(Self.thirtyThousandAs) == nil)
    }

    @Test func matchAtTheVeryEnd() throws {
        let regex = try LinearRegex(pattern: "(a*)*b")
        let text = Self.thirtyThousandAs + "b"
        #expect(regex.search(text))
        let match = try #require(regex.firstMatch(text))
        #expect(match.value.utf8.count == 30_001)
    }

    @Test func classicExponentialCase() throws {
        // a?^n a^n against a^n: 2^n paths for a backtracker.
        let n = 100
        let pattern = String(repeating: "a?", count: n) + String(repeating: "a", count: n)
        let regex = try LinearRegex(pattern: pattern)
        #expect(regex.search(String(repeating: "a", count: n)))
        #expect(!regex.search(String(repeating: "a", count: n - 1)))
    }
}

@Suite("LinearRegex bounded search")
struct RegexBoundedSearchTests {
    @Test func stepsAreBoundedByProgramSizeTimesText() throws {
        let regex = try LinearRegex(pattern: "(a|b)*c")
        let text = String(repeating: "ab", count: 500)
        let (matched, steps) = regex.search(text, maxSteps: .max)
        #expect(matched == false)
        #expect(steps > 1000)
        #expect(steps <= 2 * regex.programSize * (text.unicodeScalars.count + 1))
    }

    @Test func stopsEarlyAtTheStepLimit() throws {
        let regex = try LinearRegex(pattern: "(x+x+)+y")
        let text = String(repeating: "x", count: 10_000)
        let (matched, steps) = regex.search(text, maxSteps: 5_000)
        #expect(matched == nil)
        #expect(steps > 5_000)
        #expect(steps < 5_000 + 2 * regex.programSize)
    }

    @Test func agreesWithSearchWhenWithinTheLimit() throws {
        for (pattern, text) in [("b+", "aabbb"), ("^z", "abc"), ("(?i)HELLO", "say hello"), ("", "")] {
            let regex = try LinearRegex(pattern: pattern)
            #expect(regex.search(text, maxSteps: 1_000_000).matched == regex.search(text))
        }
    }
}
