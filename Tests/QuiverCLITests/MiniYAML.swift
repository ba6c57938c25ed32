import Foundation

/// A parser for the YAML subset the deployment manifests use: block mappings and sequences,
/// `- key: value` items, plain and double-quoted scalars, `[a, b]` flow lists of scalars, comments
/// and `---` separators. Enough to read our own manifests in tests; not a general YAML parser.
indirect enum YAMLNode: Equatable, CustomStringConvertible {
    case scalar(String)
    case list([YAMLNode])
    case map([(String, YAMLNode)])

    static func == (a: YAMLNode, b: YAMLNode) -> Bool { a.description == b.description }

    var description: String {
        switch self {
        case .scalar(let s): return s
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let pairs): return "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        }
    }

    subscript(_ key: String) -> YAMLNode? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Follows a dotted path (`spec.template.spec`).
    func at(_ path: String) -> YAMLNode? {
        var node: YAMLNode? = self
        for part in path.split(separator: ".") { node = node?[String(part)] }
        return node
    }

    var string: String? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    var items: [YAMLNode] {
        if case .list(let items) = self { return items }
        return []
    }

    var pairs: [(String, YAMLNode)] {
        if case .map(let pairs) = self { return pairs }
        return []
    }
}

struct YAMLError: Error, CustomStringConvertible {
    let line: Int
    let message: String
    var description: String { "line \(line): \(message)" }
}

enum MiniYAML {
    struct Line {
        let number: Int
        let indent: Int
        let text: String
    }

    static func parseDocuments(_ text: String) throws -> [YAMLNode] {
        var documents: [[Line]] = [[]]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let stripped = stripComment(String(raw))
            if stripped.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if stripped == "---" {
                documents.append([])
                continue
            }
            let indent = stripped.prefix(while: { $0 == " " }).count
            documents[documents.count - 1].append(Line(number: index + 1, indent: indent, text: String(stripped.dropFirst(indent))))
        }
        return try documents.filter { !$0.isEmpty }.map { lines in
            var position = 0
            let node = try parseBlock(lines, &position, indent: lines[0].indent)
            if position < lines.count { throw YAMLError(line: lines[position].number, message: "unexpected indentation") }
            return node
        }
    }

    static func parseBlock(_ lines: [Line], _ position: inout Int, indent: Int) throws -> YAMLNode {
        guard position < lines.count else { return .scalar("") }
        if lines[position].text.hasPrefix("- ") || lines[position].text == "-" {
            var items: [YAMLNode] = []
            while position < lines.count, lines[position].indent == indent, lines[position].text.hasPrefix("-") {
                let line = lines[position]
                let rest = String(line.text.dropFirst(1)).trimmingCharacters(in: .whitespaces)
                if rest.isEmpty {
                    position += 1
                    items.append(try parseBlock(lines, &position, indent: lines[position].indent))
                } else if splitKey(rest) != nil {
                    // "- key: value" starts a mapping whose other keys are indented to the key's column.
                    let column = indent + 2
                    var mapLines = [Line(number: line.number, indent: column, text: rest)]
                    position += 1
                    while position < lines.count, lines[position].indent >= column {
                        mapLines.append(lines[position])
                        position += 1
                    }
                    var inner = 0
                    items.append(try parseBlock(mapLines, &inner, indent: column))
                } else {
                    items.append(scalarOrFlow(rest))
                    position += 1
                }
            }
            return .list(items)
        }
        var pairs: [(String, YAMLNode)] = []
        while position < lines.count, lines[position].indent == indent {
            let line = lines[position]
            guard let (key, value) = splitKey(line.text) else { throw YAMLError(line: line.number, message: "expected 'key: value'") }
            position += 1
            if value.isEmpty {
                if position < lines.count, lines[position].indent > indent
                    || (lines[position].indent == indent && lines[position].text.hasPrefix("- "))
                {
                    pairs.append((key, try parseBlock(lines, &position, indent: lines[position].indent)))
                } else {
                    pairs.append((key, .scalar("")))
                }
            } else {
                pairs.append((key, scalarOrFlow(value)))
            }
        }
        if position < lines.count, lines[position].indent > indent {
            throw YAMLError(line: lines[position].number, message: "unexpected indentation")
        }
        return .map(pairs)
    }

    static func splitKey(_ text: String) -> (String, String)? {
        if text.hasPrefix("\"") { return nil }
        guard let colon = text.range(of: ": ") ?? (text.hasSuffix(":") ? text.range(of: ":", options: .backwards) : nil) else { return nil }
        let key = String(text[..<colon.lowerBound])
        guard !key.contains(" ") || key.hasPrefix("\"") else { return nil }
        return (key, String(text[colon.upperBound...]).trimmingCharacters(in: .whitespaces))
    }

    static func scalarOrFlow(_ text: String) -> YAMLNode {
        if text.hasPrefix("["), text.hasSuffix("]") {
            let inner = text.dropFirst().dropLast()
            return .list(inner.split(separator: ",").map { unquote(String($0).trimmingCharacters(in: .whitespaces)) }.map(YAMLNode.scalar))
        }
        return .scalar(unquote(text))
    }

    static func unquote(_ text: String) -> String {
        if text.count >= 2, (text.hasPrefix("\"") && text.hasSuffix("\"")) || (text.hasPrefix("'") && text.hasSuffix("'")) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    static func stripComment(_ line: String) -> String {
        var inQuotes = false
        var previous: Character = " "
        var out = ""
        for ch in line {
            if ch == "\"" { inQuotes.toggle() }
            if ch == "#", !inQuotes, previous == " " { break }
            out.append(ch)
            previous = ch
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
