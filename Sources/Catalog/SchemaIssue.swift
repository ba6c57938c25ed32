/// One problem found in a schema or in a value checked against a schema: where, and what.
public struct SchemaIssue: Sendable, Hashable, CustomStringConvertible {
    public let path: JSONPath
    public let message: String

    public init(path: JSONPath, message: String) {
        self.path = path
        self.message = message
    }

    /// `$.days: 40 is greater than maximum 16`
    public var description: String { "\(path): \(message)" }
}
