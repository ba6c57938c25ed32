/// Regular-expression matching for `text_regex_extract`. The engine must run in time linear in the
/// text (no backtracking on untrusted patterns); `LinearRegexEngine` (RE2 syntax, Pike VM) is the default.
public protocol RegexEngine: Sendable {
    /// Up to `maxMatches` successive non-overlapping matches of `pattern` in `text`, scanning at most
    /// `maxWork` scalars in total. Throws `invalidArgument` (path `$.pattern`) for a bad pattern and
    /// `limitExceeded` past `maxWork`.
    func extract(pattern: String, from text: String, maxMatches: Int, maxWork: Int) throws(ToolError) -> RegexExtraction
}

/// The matches of one extraction.
public struct RegexExtraction: Sendable, Equatable {
    /// Capturing groups of the pattern, not counting group 0.
    public let captureCount: Int
    /// Each match's groups, group 0 (the whole match) first; nil for a group that took no part.
    public let matches: [[String?]]

    public init(captureCount: Int, matches: [[String?]]) {
        self.captureCount = captureCount
        self.matches = matches
    }
}
