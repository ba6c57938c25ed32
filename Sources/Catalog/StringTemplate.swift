/// Text with `{name}` placeholders; `{{` and `}}` stand for literal braces.
public struct StringTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    public let parts: [Part]
    /// The template as written.
    public let description: String

    /// Placeholder names in order of appearance.
    public var placeholders: [String] {
        parts.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    /// Parses `text`; the error message says what is wrong (an unclosed `{`, a name that is not an identifier).
    public init(parsing text: String) throws(TemplateSyntaxError) {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) {
            self.parts = text.isEmpty ? [] : [.literal(text)]
            self.description = text
            return
        }
        var parts: [Part] = []
        var literal = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "{" {
                if i + 1 < scalars.count, scalars[i + 1] == "{" {
                    literal.unicodeScalars.append("{")
                    i += 2
                    continue
                }
                guard let close = scalars[(i + 1)...].firstIndex(of: "}") else {
                    throw TemplateSyntaxError(message: "unclosed '{' at offset \(i)")
                }
                var name = String.UnicodeScalarView()
                name.append(contentsOf: scalars[(i + 1)..<close])
                let placeholder = String(name)
                guard Identifier.isValid(placeholder) else {
                    throw TemplateSyntaxError(message: "placeholder {\(placeholder)} is not an identifier")
                }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.placeholder(placeholder))
                i = close + 1
            } else if c == "}" {
                guard i + 1 < scalars.count, scalars[i + 1] == "}" else {
                    throw TemplateSyntaxError(message: "unmatched '}' at offset \(i) (write '}}' for a literal brace)")
                }
                literal.unicodeScalars.append("}")
                i += 2
            } else {
                literal.unicodeScalars.append(c)
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
        self.description = text
    }

    /// Fills the placeholders with `values[name]`; nil when one is missing. `encode` is applied to each value.
    public func render(_ values: [String: String], encode: (String) -> String = { $0 }) -> String? {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let text): out += text
            case .placeholder(let name):
                guard let value = values[name] else { return nil }
                out += encode(value)
            }
        }
        return out
    }
}

/// A malformed `{placeholder}` template.
public struct TemplateSyntaxError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Identifier rules shared by tool names and placeholders.
public enum Identifier {
    /// CEL identifier: `[_a-zA-Z][_a-zA-Z0-9]*`.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        guard first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
