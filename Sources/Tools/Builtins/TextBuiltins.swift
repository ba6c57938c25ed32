import Catalog

/// `text_*`: text processing. Lengths and searches work on Unicode scalars (code points) as the plan
/// language does; `text_truncate` counts characters so it never splits an emoji or accented letter.
enum TextBuiltins {
    static let functions: [String: BuiltinFunction] = [
        "text_regex_extract": regexExtract, "text_truncate": truncate, "text_word_count": wordCount,
        "text_lowercase": lowercase, "text_uppercase": uppercase, "text_replace": replace, "text_split": split,
    ]

    static func regexExtract(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let text = try a.string("text")
        let pattern = try a.string("pattern")
        let group = try a.int("group", default: 0, in: 0...99)
        let all = try a.bool("all", default: false)
        let maxMatches = try a.int("max_matches", default: 100, in: 1...context.limits.maxListItems)
        let result = try context.regex.extract(pattern: pattern, from: text, maxMatches: all ? maxMatches : 1, maxWork: context.limits.maxRegexWork)
        guard group <= result.captureCount else {
            throw ToolError.invalid("group", "the pattern has \(result.captureCount) capture group\(result.captureCount == 1 ? "" : "s"), not \(group)")
        }
        let picked: [JSONValue] = result.matches.map { groups in
            group < groups.count ? (groups[group].map { .string($0) } ?? .null) : .null
        }
        if all { return .array(picked) }
        return picked.first ?? .null
    }

    static func truncate(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let text = try a.string("text")
        let maxLength = try a.int("max_length")
        guard maxLength >= 1 else { throw ToolError(.outOfRange, path: JSONPath.root.appending("max_length"), "must be at least 1, found \(maxLength)") }
        let ellipsis = try a.string("ellipsis", default: "…")
        let wordBoundary = try a.bool("word_boundary", default: true)
        guard text.count > maxLength else { return .string(text) }
        let keep = maxLength - ellipsis.count
        guard keep > 0 else { return .string(String(ellipsis.prefix(maxLength))) }
        var cut = text.prefix(keep)
        if wordBoundary {
            let nextIsSpace = text.dropFirst(keep).first?.isWhitespace ?? true
            if !nextIsSpace, let space = cut.lastIndex(where: \.isWhitespace), cut.distance(from: cut.startIndex, to: space) >= keep / 2 {
                cut = cut[..<space]
            }
        }
        while let last = cut.last, last.isWhitespace { cut = cut.dropLast() }
        return .string(String(cut) + ellipsis)
    }

    /// Words are maximal runs of non-space characters that contain a letter or a digit.
    static func wordCount(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let text = try a.string("text")
        var count = 0
        var inWord = false
        var wordHasLetter = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if inWord && wordHasLetter { count += 1 }
                inWord = false
                wordHasLetter = false
            } else {
                inWord = true
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { wordHasLetter = true }
            }
        }
        if inWord && wordHasLetter { count += 1 }
        return .int(count)
    }

    static func lowercase(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        .string(try a.string("text").lowercased())
    }

    static func uppercase(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let upper = try a.string("text").uppercased()
        guard upper.unicodeScalars.count <= context.limits.maxStringScalars else {
            throw ToolError(.limitExceeded, "result of \(upper.unicodeScalars.count) scalars exceeds the limit maxStringScalars=\(context.limits.maxStringScalars)")
        }
        return .string(upper)
    }

    /// Start offsets of the non-overlapping occurrences of `needle` in `haystack`, at most `limit`.
    static func occurrences(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], limit: Int) -> [Int] {
        guard let first = needle.first, needle.count <= haystack.count else { return [] }
        var found: [Int] = []
        var i = 0
        let last = haystack.count - needle.count
        while i <= last && found.count < limit {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) {
                found.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }

    static func replace(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let text = Array(try a.string("text").unicodeScalars)
        let find = Array(try a.string("find").unicodeScalars)
        let replacement = Array(try a.string("replacement").unicodeScalars)
        let maxReplacements = try a.int("max_replacements", default: Int.max, in: 1...Int.max)
        guard !find.isEmpty else { throw ToolError.invalid("find", "must not be empty") }
        let hits = occurrences(of: find, in: text, limit: maxReplacements)
        let (grow, o1) = (replacement.count - find.count).multipliedReportingOverflow(by: hits.count)
        let (size, o2) = text.count.addingReportingOverflow(grow)
        guard !o1, !o2, size <= context.limits.maxStringScalars else {
            throw ToolError(.limitExceeded, path: JSONPath.root.appending("replacement"),
                            "result would exceed the limit maxStringScalars=\(context.limits.maxStringScalars)")
        }
        var out = String.UnicodeScalarView()
        var position = 0
        for hit in hits {
            out.append(contentsOf: text[position..<hit])
            out.append(contentsOf: replacement)
            position = hit + find.count
        }
        out.append(contentsOf: text[position...])
        return .string(String(out))
    }

    static func split(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let text = Array(try a.string("text").unicodeScalars)
        let separator = Array(try a.string("separator").unicodeScalars)
        let trim = try a.bool("trim", default: false)
        let dropEmpty = try a.bool("drop_empty", default: false)
        let maxParts = try a.int("max_parts", default: 10_000, in: 1...context.limits.maxListItems)
        guard !separator.isEmpty else { throw ToolError.invalid("separator", "must not be empty") }
        var parts: [JSONValue] = []
        var position = 0
        // Keep splitting until the part budget is reached; the last part keeps the rest of the text.
        for hit in occurrences(of: separator, in: text, limit: context.limits.maxListItems) {
            if parts.count == maxParts - 1 { break }
            if let part = piece(text[position..<hit], trim: trim, dropEmpty: dropEmpty) { parts.append(part) }
            position = hit + separator.count
        }
        if let part = piece(text[position...], trim: trim, dropEmpty: dropEmpty) { parts.append(part) }
        return .array(parts)
    }

    private static func piece(_ scalars: ArraySlice<Unicode.Scalar>, trim: Bool, dropEmpty: Bool) -> JSONValue? {
        var slice = scalars
        if trim {
            while let f = slice.first, f.properties.isWhitespace { slice = slice.dropFirst() }
            while let l = slice.last, l.properties.isWhitespace { slice = slice.dropLast() }
        }
        if dropEmpty && slice.isEmpty { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return .string(String(view))
    }
}
