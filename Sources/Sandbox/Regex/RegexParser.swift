/// A recursive-descent parser for RE2 syntax. Recursion is bounded by ``RegexLimits/maxNesting``.
struct RegexParser {
    struct Flags {
        var fold = false
        var dotAll = false
        var multiLine = false
        var ungreedy = false
    }

    let scalars: [Unicode.Scalar]
    let limits: RegexLimits
    var position = 0
    var depth = 0
    var captureCount = 0
    var names: [String: Int] = [:]

    init(pattern: String, limits: RegexLimits) {
        self.scalars = Array(pattern.unicodeScalars)
        self.limits = limits
    }

    mutating func parse() throws(RegexError) -> RegexNode {
        if scalars.count > limits.maxPatternLength {
            throw RegexError(
                code: .limit,
                message: "pattern is \(scalars.count) scalars long, over the limit of \(limits.maxPatternLength) (maxPatternLength)",
                position: limits.maxPatternLength)
        }
        var flags = Flags()
        let node = try parseAlternation(&flags)
        if position < scalars.count {
            throw error("unexpected ): \(context(from: 0))", at: position)
        }
        return node
    }

    // MARK: - Structure

    mutating func parseAlternation(_ flags: inout Flags) throws(RegexError) -> RegexNode {
        var branches = [try parseConcatenation(&flags)]
        while peek == "|" {
            position += 1
            branches.append(try parseConcatenation(&flags))
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    mutating func parseConcatenation(_ flags: inout Flags) throws(RegexError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek, c != "|", c != ")" {
            let start = position
            if c == "*" || c == "+" || c == "?" {
                throw error("missing argument to repetition operator: \(c)", at: start)
            }
            if c == "{", let (_, _, length) = repeatBounds(at: position) {
                throw error("missing argument to repetition operator: \(text(start, start + length))", at: start)
            }
            if lookingAt("\\Q") {
                // \Q...\E: literal text; a repetition operator after it applies to its last scalar.
                position += 2
                var literals: [RegexNode] = []
                while position < scalars.count && !lookingAt("\\E") {
                    literals.append(literal(scalars[position].value, flags))
                    position += 1
                }
                if lookingAt("\\E") { position += 2 }
                guard let last = literals.popLast() else { continue }
                items.append(contentsOf: literals)
                items.append(try parseQuantifier(last, flags: flags, atomStart: start))
                continue
            }
            guard let atom = try parseAtom(&flags) else { continue }
            items.append(try parseQuantifier(atom, flags: flags, atomStart: start))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    /// Applies one repetition operator after an atom, if present; a second one is an error, as in RE2.
    mutating func parseQuantifier(_ atom: RegexNode, flags: Flags, atomStart: Int) throws(RegexError) -> RegexNode {
        guard let c = peek else { return atom }
        let opStart = position
        var min = 0
        var max: Int? = nil
        switch c {
        case "*": position += 1
        case "+":
            min = 1
            position += 1
        case "?":
            max = 1
            position += 1
        case "{":
            guard let (low, high, length) = repeatBounds(at: position) else { return atom }
            let spelled = text(opStart, opStart + length)
            for bound in [low, high ?? low] where bound > limits.maxRepeat {
                throw RegexError(
                    code: .limit,
                    message: "bad repetition operator: \(spelled): count \(bound) is over the limit of \(limits.maxRepeat) (maxRepeat)",
                    position: opStart)
            }
            if let high, high < low { throw error("bad repetition operator: \(spelled)", at: opStart) }
            min = low
            max = high
            position += length
        default:
            return atom
        }
        var greedy = true
        if peek == "?" {
            greedy = false
            position += 1
        }
        if flags.ungreedy { greedy.toggle() }
        if let next = peek, next == "*" || next == "+" || next == "?" || (next == "{" && repeatBounds(at: position) != nil) {
            throw error("bad repetition operator: \(text(opStart, position + 1))", at: opStart)
        }
        if case .empty = atom { return atom }
        return .repetition(atom, min: min, max: max, greedy: greedy)
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at `start`: (n, m or nil for no bound, length). Nil when it is no repeat.
    func repeatBounds(at start: Int) -> (Int, Int?, Int)? {
        var index = start + 1
        func number() -> Int? {
            var value = 0
            let first = index
            while index < scalars.count, scalars[index].value >= 48, scalars[index].value <= 57 {
                let digit = scalars[index].value
                // Saturate: anything past the limit is reported as such.
                value = Swift.min(value * 10 + Int(digit - 48), 1_000_000)
                index += 1
            }
            return index > first ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if index < scalars.count, scalars[index] == "," {
            index += 1
            high = number()
        }
        guard index < scalars.count, scalars[index] == "}" else { return nil }
        return (low, high, index + 1 - start)
    }

    // MARK: - Atoms

    /// Parses one atom; returns nil for a flag group such as `(?i)`, which only changes `flags`.
    mutating func parseAtom(_ flags: inout Flags) throws(RegexError) -> RegexNode? {
        guard let c = peek else { return .empty }
        switch c {
        case "(": return try parseGroup(&flags)
        case "[":
            return .charClass(try parseClass(flags))
        case ".":
            position += 1
            return .anyChar(dotAll: flags.dotAll)
        case "^":
            position += 1
            return .assertion(flags.multiLine ? .beginLine : .beginText)
        case "$":
            position += 1
            return .assertion(flags.multiLine ? .endLine : .endText)
        case "\\":
            return try parseEscape(flags)
        default:
            position += 1
            return literal(c.value, flags)
        }
    }

    func literal(_ value: UInt32, _ flags: Flags) -> RegexNode {
        .literal(flags.fold ? RegexCaseFold.canonical(value) : value, fold: flags.fold && RegexCaseFold.hasVariants(value))
    }

    mutating func parseGroup(_ flags: inout Flags) throws(RegexError) -> RegexNode? {
        let open = position
        position += 1
        var inner = flags
        var captureIndex: Int? = nil
        if peek == "?" {
            position += 1
            if lookingAt("P=") || lookingAt("P>") {
                throw RegexError(code: .unsupported, message: "backreferences are not supported: \(context(from: open))", position: open)
            }
            if lookingAt("=") || lookingAt("!") || lookingAt("<=") || lookingAt("<!") {
                throw RegexError(code: .unsupported, message: "lookaround is not supported: \(context(from: open))", position: open)
            }
            if lookingAt("P<") || lookingAt("<") {
                position += peek == "P" ? 2 : 1
                captureIndex = try parseGroupName(open: open)
            } else {
                let isFlagGroup = try parseFlags(&inner, open: open)
                if isFlagGroup {
                    flags = inner
                    return nil
                }
            }
        } else {
            captureCount += 1
            captureIndex = captureCount
        }
        depth += 1
        if depth > limits.maxNesting {
            throw RegexError(
                code: .limit, message: "groups nest deeper than the limit of \(limits.maxNesting) (maxNesting)", position: open)
        }
        let body = try parseAlternation(&inner)
        depth -= 1
        guard peek == ")" else { throw error("missing closing ): \(context(from: open))", at: open) }
        position += 1
        if let captureIndex { return .capture(index: captureIndex, body) }
        return body
    }

    /// Parses `name>` after `(?P<` or `(?<` and registers the group.
    mutating func parseGroupName(open: Int) throws(RegexError) -> Int {
        let start = position
        while let c = peek, c != ">" {
            guard c.value < 128, RegexAssertion.isWord(Int32(c.value)) else {
                throw error("invalid named capture group: \(context(from: open))", at: open)
            }
            position += 1
        }
        guard peek == ">", position > start else { throw error("invalid named capture group: \(context(from: open))", at: open) }
        let name = text(start, position)
        position += 1
        guard names[name] == nil else { throw error("duplicate capture group name: \(name)", at: open) }
        captureCount += 1
        names[name] = captureCount
        return captureCount
    }

    /// Parses flags after `(?`: returns true for `(?flags)`, false for `(?flags:` (the group follows).
    mutating func parseFlags(_ flags: inout Flags, open: Int) throws(RegexError) -> Bool {
        var negate = false
        var sawFlag = false
        while let c = peek {
            position += 1
            switch c {
            case "i": flags.fold = !negate
            case "s": flags.dotAll = !negate
            case "m": flags.multiLine = !negate
            case "U": flags.ungreedy = !negate
            case "-":
                if negate { throw error("invalid or unsupported Perl syntax: \(context(from: open))", at: open) }
                negate = true
                sawFlag = false
                continue
            case ":", ")":
                if !sawFlag && (negate || c == ")") {
                    throw error("missing flags: \(context(from: open))", at: open)
                }
                return c == ")"
            default:
                throw error("invalid or unsupported Perl syntax: \(context(from: open))", at: open)
            }
            sawFlag = true
        }
        throw error("missing closing ): \(context(from: open))", at: open)
    }

    // MARK: - Helpers

    var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    func lookingAt(_ prefix: String) -> Bool {
        var index = position
        for c in prefix.unicodeScalars {
            guard index < scalars.count, scalars[index] == c else { return false }
            index += 1
        }
        return true
    }

    func text(_ from: Int, _ to: Int) -> String {
        let lower = Swift.max(0, from)
        let upper = Swift.min(to, scalars.count)
        guard lower < upper else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[lower..<upper])
        return String(out)
    }

    /// Up to 20 scalars of the pattern from `from`, for messages.
    func context(from: Int) -> String {
        let end = Swift.min(scalars.count, from + 20)
        return text(from, end) + (end < scalars.count ? "…" : "")
    }

    func error(_ message: String, at position: Int) -> RegexError {
        RegexError(code: .syntax, message: message, position: position)
    }
}
