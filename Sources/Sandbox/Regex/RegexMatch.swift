/// The leftmost-first match of a ``LinearRegex`` in a text, with its capture groups.
public struct RegexMatch: Sendable {
    /// The text that was searched.
    public let text: String
    /// Group 0 is the whole match; group `i` is the `i`-th capturing group, or `nil` when it took no part.
    public let ranges: [Range<String.Index>?]
    /// The names of the named groups, by group number.
    public let names: [String: Int]

    /// The whole matched text.
    public var value: Substring {
        guard let first = ranges.first, let range = first else { return text[text.startIndex..<text.startIndex] }
        return text[range]
    }

    /// The range of the whole match.
    public var range: Range<String.Index> {
        guard let first = ranges.first, let range = first else { return text.startIndex..<text.startIndex }
        return range
    }

    /// Every group's text, group 0 first; `nil` for a group that took no part in the match.
    public var groups: [Substring?] { ranges.map { $0.map { text[$0] } } }

    /// The text of group `index`, or `nil` when the group took no part or does not exist.
    public subscript(_ index: Int) -> Substring? {
        guard index >= 0, index < ranges.count, let range = ranges[index] else { return nil }
        return text[range]
    }

    /// The text of the group named `name`, or `nil` when it took no part or does not exist.
    public subscript(name: String) -> Substring? {
        guard let index = names[name] else { return nil }
        return self[index]
    }
}
