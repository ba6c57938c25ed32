/// Escapes and bracketed character classes.
extension RegexParser {
    /// Parses an escape outside brackets: an assertion, a class, `\Q...\E`, or one scalar.
    mutating func parseEscape(_ flags: Flags) throws(RegexError) -> RegexNode {
        let start = position
        guard position + 1 < scalars.count else { throw error("trailing backslash at end of expression", at: start) }
        let letter = scalars[position + 1]
        switch letter {
        case "A":
            position += 2
            return .assertion(.beginText)
        case "z":
            position += 2
            return .assertion(.endText)
        case "b":
            position += 2
            return .assertion(.wordBoundary)
        case "B":
            position += 2
            return .assertion(.notWordBoundary)
        case "d", "D", "s", "S", "w", "W", "p", "P":
            var set = RegexCharClass(fold: flags.fold)
            set.append(try parseClassEscape())
            set.finish()
            return .charClass(set)
        default:
            return literal(try parseEscapedScalar(), flags)
        }
    }

    /// Parses `\d`-style or `\p`-style escapes at `position` into one class item.
    mutating func parseClassEscape() throws(RegexError) -> RegexCharClass.Item {
        let start = position
        let letter = scalars[position + 1]
        if let item = RegexCharClass.perlItem(letter) {
            position += 2
            return item
        }
        // \p{Name}, \pN, \P{Name}, \p{^Name}
        var negated = letter == "P"
        position += 2
        var name: String
        if peek == "{" {
            let open = position
            while let c = peek, c != "}" { position += 1 }
            guard peek == "}" else { throw error("missing closing }: \(context(from: start))", at: start) }
            name = text(open + 1, position)
            position += 1
        } else {
            guard let c = peek else { throw error("invalid character class range: \(context(from: start))", at: start) }
            name = String(Character(c))
            position += 1
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard let mask = RegexUnicodeCategory.mask(named: name) else {
            throw RegexError(
                code: .unsupported, message: "invalid or unsupported Unicode class: \(text(start, position))", position: start)
        }
        return .category(mask, negated: negated)
    }

    /// Parses an escape that stands for one scalar: `\n`, `\x41`, `\x{1F600}`, `\101`, `\.`.
    mutating func parseEscapedScalar() throws(RegexError) -> UInt32 {
        let start = position
        guard position + 1 < scalars.count else { throw error("trailing backslash at end of expression", at: start) }
        let letter = scalars[position + 1]
        position += 2
        switch letter {
        case "a": return 7
        case "f": return 12
        case "t": return 9
        case "n": return 10
        case "r": return 13
        case "v": return 11
        case "x": return try parseHexEscape(start: start)
        case "1"..."7":
            // One digit alone would be a backreference; two or more are an octal code, as in RE2.
            guard let next = peek, ("0"..."7").contains(next) else {
                throw RegexError(
                    code: .unsupported, message: "backreferences are not supported: \(text(start, position))", position: start)
            }
            return parseOctal(first: letter.value - 48)
        case "0": return parseOctal(first: 0)
        case "8", "9", "k", "g":
            throw RegexError(code: .unsupported, message: "backreferences are not supported: \(text(start, position))", position: start)
        case "C":
            throw RegexError(code: .unsupported, message: "\\C (any byte) is not supported", position: start)
        default:
            if letter.value < 128 && !letter.properties.isAlphabetic && !("0"..."9").contains(letter) {
                return letter.value
            }
            throw error("invalid escape sequence: \(text(start, position))", at: start)
        }
    }

    private mutating func parseOctal(first: UInt32) -> UInt32 {
        var value = first
        var digits = 1
        while digits < 3, let c = peek, ("0"..."7").contains(c) {
            value = value * 8 + (c.value - 48)
            position += 1
            digits += 1
        }
        return value
    }

    private mutating func parseHexEscape(start: Int) throws(RegexError) -> UInt32 {
        var value: UInt32 = 0
        if peek == "{" {
            position += 1
            var digits = 0
            while let c = peek, c != "}" {
                guard let digit = hexValue(c), value <= 0x10FFFF else {
                    throw error("invalid escape sequence: \(context(from: start))", at: start)
                }
                value = value * 16 + digit
                digits += 1
                position += 1
            }
            guard peek == "}", digits > 0 else { throw error("invalid escape sequence: \(context(from: start))", at: start) }
            position += 1
        } else {
            for _ in 0..<2 {
                guard let c = peek, let digit = hexValue(c) else {
                    throw error("invalid escape sequence: \(context(from: start))", at: start)
                }
                value = value * 16 + digit
                position += 1
            }
        }
        guard value <= 0x10FFFF, Unicode.Scalar(value) != nil else {
            throw error("invalid escape sequence: \(text(start, position))", at: start)
        }
        return value
    }

    private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 48
        case "a"..."f": return c.value - 87
        case "A"..."F": return c.value - 55
        default: return nil
        }
    }

    // MARK: - Brackets

    /// Parses `[...]` at `position`.
    mutating func parseClass(_ flags: Flags) throws(RegexError) -> RegexCharClass {
        let open = position
        position += 1
        var set = RegexCharClass(fold: flags.fold)
        if peek == "^" {
            set.negated = true
            position += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while true {
            guard let c = peek else { throw error("missing closing ]: \(context(from: open))", at: open) }
            if c == "]" && !first { break }
            first = false
            let itemStart = position
            if c == "[" && lookingAt("[:") {
                if let item = try parsePosixClass() {
                    set.append(item)
                    continue
                }
            }
            if c == "\\", position + 1 < scalars.count,
                "dDsSwWpP".unicodeScalars.contains(scalars[position + 1])
            {
                set.append(try parseClassEscape())
                continue
            }
            let low = try parseClassScalar()
            var high = low
            if peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                high = try parseClassScalar()
                guard low <= high else {
                    throw error("invalid character class range: \(text(itemStart, position))", at: itemStart)
                }
            }
            ranges.append(low...high)
        }
        position += 1
        if !ranges.isEmpty { set.append(.ranges(ranges, negated: false)) }
        set.finish()
        return set
    }

    private mutating func parseClassScalar() throws(RegexError) -> UInt32 {
        guard let c = peek else { throw error("missing closing ]", at: position) }
        if c == "\\" { return try parseEscapedScalar() }
        position += 1
        return c.value
    }

    /// Parses `[:name:]` or `[:^name:]`; nil (nothing consumed) when `[:` is not closed by `:]`.
    private mutating func parsePosixClass() throws(RegexError) -> RegexCharClass.Item? {
        let start = position
        var index = position + 2
        while index + 1 < scalars.count, !(scalars[index] == ":" && scalars[index + 1] == "]") { index += 1 }
        guard index + 1 < scalars.count else { return nil }
        var name = text(start + 2, index)
        var negated = false
        if name.hasPrefix("^") {
            negated = true
            name.removeFirst()
        }
        guard let ranges = RegexCharClass.posixRanges(name) else {
            throw error("invalid character class range: \(text(start, index + 2))", at: start)
        }
        position = index + 2
        return .ranges(ranges, negated: negated)
    }
}
