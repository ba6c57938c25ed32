/// A character class: a union of items, optionally negated and case-folded.
/// Membership of ASCII scalars is precomputed into a 128-bit table.
struct RegexCharClass: Sendable {
    enum Item: Sendable {
        /// Scalars in any of the ranges (or in none of them when `negated`).
        case ranges([ClosedRange<UInt32>], negated: Bool)
        /// Scalars whose general category is in the mask (see ``RegexUnicodeCategory``).
        case category(UInt32, negated: Bool)

        func contains(_ c: UInt32) -> Bool {
            switch self {
            case .ranges(let ranges, let negated):
                var found = false
                for range in ranges where range.contains(c) {
                    found = true
                    break
                }
                return found != negated
            case .category(let mask, let negated):
                return ((mask & RegexUnicodeCategory.bit(of: c)) != 0) != negated
            }
        }
    }

    private(set) var items: [Item] = []
    var negated = false
    var fold = false
    /// Membership of scalars 0..<64 and 64..<128, one bit each.
    private(set) var asciiLow: UInt64 = 0
    private(set) var asciiHigh: UInt64 = 0

    init(items: [Item] = [], negated: Bool = false, fold: Bool = false) {
        self.items = items
        self.negated = negated
        self.fold = fold
        finish()
    }

    mutating func append(_ item: Item) {
        items.append(item)
    }

    /// Recomputes the ASCII table; call after changing items, `negated` or `fold`.
    mutating func finish() {
        asciiLow = 0
        asciiHigh = 0
        for c in UInt32(0)..<128 where slowContains(c) {
            if c < 64 { asciiLow |= 1 << UInt64(c) } else { asciiHigh |= 1 << UInt64(c - 64) }
        }
    }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        if c < 64 { return asciiLow & (1 << UInt64(c)) != 0 }
        if c < 128 { return asciiHigh & (1 << UInt64(c - 64)) != 0 }
        return slowContains(c)
    }

    private func rawContains(_ c: UInt32) -> Bool {
        for item in items where item.contains(c) { return true }
        return false
    }

    private func slowContains(_ c: UInt32) -> Bool {
        var found = rawContains(c)
        if !found && fold {
            let lower = RegexCaseFold.lower(c)
            let upper = RegexCaseFold.upper(c)
            let canonical = RegexCaseFold.canonical(c)
            found = (lower != c && rawContains(lower)) || (upper != c && rawContains(upper))
                || (canonical != c && rawContains(canonical))
        }
        return found != negated
    }
}

extension RegexCharClass {
    static let digitRanges: [ClosedRange<UInt32>] = [48...57]
    static let spaceRanges: [ClosedRange<UInt32>] = [9...10, 12...13, 32...32]
    static let wordRanges: [ClosedRange<UInt32>] = [48...57, 65...90, 95...95, 97...122]

    /// The Perl class for `\d \s \w` (and negated for `\D \S \W`), or nil for another letter.
    static func perlItem(_ letter: Unicode.Scalar) -> Item? {
        switch letter {
        case "d": return .ranges(digitRanges, negated: false)
        case "D": return .ranges(digitRanges, negated: true)
        case "s": return .ranges(spaceRanges, negated: false)
        case "S": return .ranges(spaceRanges, negated: true)
        case "w": return .ranges(wordRanges, negated: false)
        case "W": return .ranges(wordRanges, negated: true)
        default: return nil
        }
    }

    /// The ASCII ranges of a POSIX class name such as `alpha`, or nil when unknown.
    static func posixRanges(_ name: String) -> [ClosedRange<UInt32>]? {
        switch name {
        case "alnum": return [48...57, 65...90, 97...122]
        case "alpha": return [65...90, 97...122]
        case "ascii": return [0...127]
        case "blank": return [9...9, 32...32]
        case "cntrl": return [0...31, 127...127]
        case "digit": return digitRanges
        case "graph": return [33...126]
        case "lower": return [97...122]
        case "print": return [32...126]
        case "punct": return [33...47, 58...64, 91...96, 123...126]
        case "space": return [9...13, 32...32]
        case "upper": return [65...90]
        case "word": return wordRanges
        case "xdigit": return [48...57, 65...70, 97...102]
        default: return nil
        }
    }
}
