public import Catalog
public import Sandbox

/// `RegexEngine` over the sandbox's `LinearRegex` (RE2 syntax, linear-time Pike VM).
public struct LinearRegexEngine: RegexEngine {
    public let limits: RegexLimits

    public init(limits: RegexLimits = .default) {
        self.limits = limits
    }

    public func extract(pattern: String, from text: String, maxMatches: Int, maxWork: Int) throws(ToolError) -> RegexExtraction {
        let regex: LinearRegex
        do throws(RegexError) {
            regex = try LinearRegex(pattern: pattern, limits: limits)
        } catch {
            throw ToolError(.invalidArgument, path: JSONPath.root.appending("pattern"), "invalid regular expression: \(error)")
        }
        var matches: [[String?]] = []
        var rest = Substring(text)
        var work = 0
        var previousEndedHere = false
        while matches.count < maxMatches {
            // Each search copies and scans what is left of the text; charge it against the work limit.
            let length = rest.utf8.count
            guard work <= maxWork - length else {
                throw ToolError(.limitExceeded, path: JSONPath.root.appending("text"),
                                "regex extraction scanned more than the limit maxRegexWork=\(maxWork) bytes")
            }
            work += length
            let piece = String(rest)
            guard let match = regex.firstMatch(piece) else { break }
            let start = piece.utf8.distance(from: piece.utf8.startIndex, to: match.range.lowerBound)
            let end = piece.utf8.distance(from: piece.utf8.startIndex, to: match.range.upperBound)
            // RE2 semantics: an empty match right where the previous match ended is not reported.
            if !(match.range.isEmpty && start == 0 && previousEndedHere) {
                matches.append(match.groups.map { $0.map(String.init) })
            }
            var next = rest.utf8.index(rest.utf8.startIndex, offsetBy: end)
            if match.range.isEmpty {
                guard next < rest.endIndex else { break }
                next = rest.unicodeScalars.index(after: next)
                previousEndedHere = false
            } else {
                previousEndedHere = true
            }
            rest = Substring(rest.unicodeScalars[next...])
        }
        return RegexExtraction(captureCount: regex.captureCount, matches: matches)
    }
}

/// `SchemaPatternMatcher` over `LinearRegex`, so argument validation can check `pattern` safely.
public struct LinearRegexPatternMatcher: SchemaPatternMatcher {
    public init() {}
    public func matches(pattern: String, text: String) throws -> Bool {
        try LinearRegex(pattern: pattern).search(text)
    }
}
