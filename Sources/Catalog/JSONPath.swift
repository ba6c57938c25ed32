import JSONCore

/// A location inside a JSON value, written `$.tools[3].parameters["odd key"]`.
/// Used in error messages and, parsed from text, by response extraction and `json_pick`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// Paths share their prefixes: appending is O(1), which matters because the loader builds a path
    /// for every value it reads (and prints only the few that have a problem).
    private final class Node: Sendable {
        let parent: Node?
        let component: Component
        let depth: Int
        init(parent: Node?, component: Component) {
            self.parent = parent
            self.component = component
            self.depth = (parent?.depth ?? 0) + 1
        }
    }

    private let last: Node?

    private init(last: Node?) {
        self.last = last
    }

    public init(_ components: [Component] = []) {
        var node: Node?
        for component in components { node = Node(parent: node, component: component) }
        self.last = node
    }

    /// The steps from the root, in order.
    public var components: [Component] {
        var out: [Component] = []
        out.reserveCapacity(last?.depth ?? 0)
        var node = last
        while let n = node {
            out.append(n.component)
            node = n.parent
        }
        return out.reversed()
    }

    /// The root, `$`.
    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath {
        JSONPath(last: Node(parent: last, component: .key(key)))
    }

    public func appending(index: Int) -> JSONPath {
        JSONPath(last: Node(parent: last, component: .index(index)))
    }

    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool {
        lhs.last === rhs.last || lhs.components == rhs.components
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(components)
    }

    public var description: String {
        var out = "$"
        for component in components {
            switch component {
            case .key(let key):
                if JSONPath.isPlainKey(key) {
                    out += "." + key
                } else {
                    out += "["
                    JSONString.append(key, to: &out)
                    out += "]"
                }
            case .index(let i):
                out += "[\(i)]"
            }
        }
        return out
    }

    static func isPlainKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic && first.isASCII else {
            return false
        }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// The value at this path inside `value`, or nil when a step is missing. Negative indices count from the end.
    public func lookup(in value: JSONValue) -> JSONValue? {
        var current = value
        for component in components {
            switch (component, current) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                current = next
            case (.index(let i), .array(let items)):
                let position = i < 0 ? items.count + i : i
                guard position >= 0, position < items.count else { return nil }
                current = items[position]
            default:
                return nil
            }
        }
        return current
    }
}

/// A syntax error in a JSON path, with the 1-based column.
public struct JSONPathSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let column: Int
    public let message: String
    public var description: String { "column \(column): \(message)" }
}

extension JSONPath {
    /// Parses `$.a.b[0]["c d"]`; the leading `$` is optional (`a.b[0]`, `[0].name` are accepted).
    /// Indices may be negative (from the end).
    public init(parsing text: String) throws(JSONPathSyntaxError) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var components: [Component] = []
        func fail(_ message: String) -> JSONPathSyntaxError { JSONPathSyntaxError(column: i + 1, message: message) }
        func readKey() throws(JSONPathSyntaxError) -> String {
            let start = i
            while i < scalars.count, scalars[i] != ".", scalars[i] != "[" { i += 1 }
            guard i > start else { throw fail("expected a key") }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[start..<i])
            return String(s)
        }
        if i < scalars.count, scalars[i] == "$" { i += 1 }
        if i < scalars.count, scalars[i] != ".", scalars[i] != "[" {
            if i > 0 { throw fail("expected '.' or '[' after '$'") }
            components.append(.key(try readKey()))
        }
        while i < scalars.count {
            if scalars[i] == "." {
                i += 1
                components.append(.key(try readKey()))
            } else if scalars[i] == "[" {
                i += 1
                if i < scalars.count, scalars[i] == "\"" || scalars[i] == "'" {
                    let quote = scalars[i]
                    i += 1
                    var key = String.UnicodeScalarView()
                    while i < scalars.count, scalars[i] != quote {
                        if scalars[i] == "\\", i + 1 < scalars.count { i += 1 }
                        key.append(scalars[i])
                        i += 1
                    }
                    guard i < scalars.count else { throw fail("unterminated quoted key") }
                    i += 1
                    components.append(.key(String(key)))
                } else {
                    let start = i
                    if i < scalars.count, scalars[i] == "-" { i += 1 }
                    while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
                    var digits = String.UnicodeScalarView()
                    digits.append(contentsOf: scalars[start..<i])
                    guard let index = Int(String(digits)), index.magnitude <= 1 << 40 else {
                        throw fail("expected an index or a quoted key inside '[ ]'")
                    }
                    components.append(.index(index))
                }
                guard i < scalars.count, scalars[i] == "]" else { throw fail("expected ']'") }
                i += 1
            } else {
                throw fail("expected '.' or '['")
            }
        }
        self.init(components)
    }
}
