/// The parsed form of a pattern, before compilation to a ``RegexProgram``.
indirect enum RegexNode: Sendable {
    case empty
    /// One scalar; `fold` compares under simple case folding (`(?i)`).
    case literal(UInt32, fold: Bool)
    /// `.`: any scalar, or any but `\n` when `dotAll` is off.
    case anyChar(dotAll: Bool)
    case charClass(RegexCharClass)
    case assertion(RegexAssertion)
    /// Capturing group number `index` (1-based).
    case capture(index: Int, RegexNode)
    case concat([RegexNode])
    case alternate([RegexNode])
    /// `max` is `nil` for no upper bound.
    case repetition(RegexNode, min: Int, max: Int?, greedy: Bool)

    /// Whether the node can match the empty string.
    var canMatchEmpty: Bool {
        switch self {
        case .empty, .assertion: return true
        case .literal, .anyChar, .charClass: return false
        case .capture(_, let inner): return inner.canMatchEmpty
        case .concat(let items): return items.allSatisfy { $0.canMatchEmpty }
        case .alternate(let branches): return branches.contains { $0.canMatchEmpty }
        case .repetition(let inner, let min, _, _): return min == 0 || inner.canMatchEmpty
        }
    }

    /// Whether every match must start at the beginning of the text (`\A` or `^` without `(?m)` in front).
    var isAnchoredAtStart: Bool {
        switch self {
        case .assertion(let kind): return kind == .beginText
        case .capture(_, let inner): return inner.isAnchoredAtStart
        case .concat(let items):
            guard let first = items.first else { return false }
            return first.isAnchoredAtStart
        case .alternate(let branches): return !branches.isEmpty && branches.allSatisfy { $0.isAnchoredAtStart }
        case .repetition(let inner, let min, _, _): return min > 0 && inner.isAnchoredAtStart
        default: return false
        }
    }
}

/// The empty-width assertions.
enum RegexAssertion: UInt8, Sendable {
    case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary

    /// Whether the assertion holds between `previous` and `next` (`-1` at either end of the text).
    @inline(__always)
    func holds(previous: Int32, next: Int32) -> Bool {
        switch self {
        case .beginText: return previous < 0
        case .endText: return next < 0
        case .beginLine: return previous < 0 || previous == 10
        case .endLine: return next < 0 || next == 10
        case .wordBoundary: return Self.isWord(previous) != Self.isWord(next)
        case .notWordBoundary: return Self.isWord(previous) == Self.isWord(next)
        }
    }

    /// ASCII word characters, as `\b` uses in RE2.
    @inline(__always)
    static func isWord(_ c: Int32) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }
}
