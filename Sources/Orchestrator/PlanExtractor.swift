/// Takes the plan out of a model's answer: the first fenced code block when there is one, then from
/// the first `let`/`return` line to the end of the `return` statement (prose before and after dropped).
public enum PlanExtractor {
    public static func extract(_ text: String) -> String {
        let lines = (fenced(text) ?? text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { isStatementStart($0.trimmed) }) else {
            return lines.joined(separator: "\n").trimmed
        }
        var kept: [String] = []
        var index = start
        while index < lines.count {
            let line = lines[index]
            kept.append(line)
            if line.trimmed.hasPrefix("return") {
                var depth = bracketBalance(line)
                while depth > 0, index + 1 < lines.count {
                    index += 1
                    kept.append(lines[index])
                    depth += bracketBalance(lines[index])
                }
                break
            }
            index += 1
        }
        return kept.joined(separator: "\n").trimmed
    }

    /// The first fenced code block's content (to the end when it is not closed), nil without a fence.
    static func fenced(_ text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let open = lines.firstIndex(where: { String($0).trimmed.hasPrefix("```") }) else { return nil }
        let rest = lines[(open + 1)...]
        let close = rest.firstIndex { String($0).trimmed.hasPrefix("```") } ?? lines.endIndex
        return lines[(open + 1)..<close].joined(separator: "\n")
    }

    static func isStatementStart(_ line: String) -> Bool {
        line.hasPrefix("let ") || line == "return" || line.hasPrefix("return ") || line.hasPrefix("return(")
            || line.hasPrefix("return{") || line.hasPrefix("return[")
    }

    /// Opening minus closing brackets outside string literals.
    static func bracketBalance(_ line: String) -> Int {
        var depth = 0
        var quote: Character?
        var escaped = false
        for ch in line {
            if let q = quote {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "\"", "'": quote = ch
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
        }
        return depth
    }
}

extension String {
    var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
