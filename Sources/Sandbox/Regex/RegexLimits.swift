/// Limits applied when a pattern is compiled. Matching itself always runs in time linear in the
/// text (times the program size), so these bound the work per scalar of text.
public struct RegexLimits: Sendable, Equatable {
    /// Longest pattern accepted, in Unicode scalars.
    public var maxPatternLength: Int
    /// Largest compiled program accepted, in instructions (a counted repetition is expanded).
    public var maxProgramSize: Int
    /// Largest count in `{n}`, `{n,}` and `{n,m}` (RE2 uses 1000).
    public var maxRepeat: Int
    /// Deepest nesting of groups and repetitions.
    public var maxNesting: Int

    public init(maxPatternLength: Int = 4096, maxProgramSize: Int = 20_000, maxRepeat: Int = 1000, maxNesting: Int = 100) {
        self.maxPatternLength = maxPatternLength
        self.maxProgramSize = maxProgramSize
        self.maxRepeat = maxRepeat
        self.maxNesting = maxNesting
    }

    public static let `default` = RegexLimits()
}
