/// A regular expression with RE2 syntax and semantics, matched in time linear in the text
/// (a Pike VM over Unicode scalars; it never backtracks), so untrusted patterns are safe to run.
///
/// ```swift
/// let regex = try LinearRegex(pattern: #"(?P<user>\w+)@(\w+)\.com"#)
/// regex.search("mail bob@example.com")            // true
/// regex.firstMatch("mail bob@example.com")?["user"] // "bob"
/// ```
public struct LinearRegex: Sendable {
    /// The pattern as given.
    public let pattern: String
    /// The number of capturing groups, not counting group 0 (the whole match).
    public let captureCount: Int
    /// Group numbers of the named groups.
    public let captureNames: [String: Int]
    let program: RegexProgram

    /// Compiles `pattern` with the default ``RegexLimits``.
    public init(pattern: String) throws(RegexError) {
        try self.init(pattern: pattern, limits: .default)
    }

    /// Compiles `pattern`; throws ``RegexError`` for invalid syntax, unsupported features or a limit.
    public init(pattern: String, limits: RegexLimits) throws(RegexError) {
        var parser = RegexParser(pattern: pattern, limits: limits)
        let node = try parser.parse()
        self.pattern = pattern
        self.captureCount = parser.captureCount
        self.captureNames = parser.names
        self.program = try RegexCompiler.compile(node, captureCount: parser.captureCount, limits: limits)
    }

    /// The number of instructions of the compiled program. Matching costs at most this much work per
    /// scalar of text, so a caller with a cost budget can charge `programSize × text length`.
    public var programSize: Int { program.instructions.count }

    /// Whether the pattern matches anywhere in `text` (RE2's `PartialMatch`; CEL's `matches`).
    public func search(_ text: String) -> Bool {
        var text = text
        let vm = RegexPikeVM(program: program, captures: false)
        return text.withUTF8 { vm.run($0) } != nil
    }

    /// Like ``search(_:)``, but stops once the matcher has done `maxSteps` units of work (one unit per
    /// program instruction visited at a text position, at most ``programSize`` per scalar of text).
    /// Returns whether it matched (nil when it stopped early) and the work done, so a caller with a
    /// cost budget can bound a search of a long text by a large program, and charge for it.
    public func search(_ text: String, maxSteps: Int) -> (matched: Bool?, steps: Int) {
        var text = text
        let vm = RegexPikeVM(program: program, captures: false)
        vm.maxSteps = maxSteps
        let found = text.withUTF8 { vm.run($0) } != nil
        return (vm.exhausted ? nil : found, vm.steps)
    }

    /// The leftmost-first match in `text` with its capture groups, or nil when there is none.
    public func firstMatch(_ text: String) -> RegexMatch? {
        var copy = text
        let vm = RegexPikeVM(program: program, captures: true)
        guard let slots = copy.withUTF8({ vm.run($0) }) else { return nil }
        let utf8 = text.utf8
        var ranges: [Range<String.Index>?] = []
        ranges.reserveCapacity(captureCount + 1)
        for group in 0...captureCount {
            let start = 2 * group < slots.count ? slots[2 * group] : -1
            let end = 2 * group + 1 < slots.count ? slots[2 * group + 1] : -1
            guard start >= 0, end >= start, end <= utf8.count else {
                ranges.append(nil)
                continue
            }
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            let upper = utf8.index(lower, offsetBy: end - start)
            ranges.append(lower..<upper)
        }
        return RegexMatch(text: text, ranges: ranges, names: captureNames)
    }
}
