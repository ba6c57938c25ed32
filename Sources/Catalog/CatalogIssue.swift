/// One problem in a catalog: the file, and either a JSON path or (for syntax errors) a line and column.
public struct CatalogIssue: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let path: JSONPath?
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, path: JSONPath?, message: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `catalog/weather.json: $.tools[3].parameters.properties.city.type: unknown type "strin"`
    /// or `catalog/weather.json:12:5: expected ',' or '}' in object, found '"'`.
    public var description: String {
        if let line, let column { return "\(file):\(line):\(column): \(message)" }
        if let path { return "\(file): \(path): \(message)" }
        return "\(file): \(message)"
    }
}

/// A catalog that failed to load, with every issue found (files in load order, issues in the order found).
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public let issues: [CatalogIssue]
    public init(issues: [CatalogIssue]) { self.issues = issues }
    public var description: String {
        "catalog has \(issues.count) problem\(issues.count == 1 ? "" : "s"):\n" + issues.map { "  " + $0.description }.joined(separator: "\n")
    }
}
