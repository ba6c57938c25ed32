public import Catalog

/// A tool call that failed: a code, the argument it concerns (as a JSON path into the arguments),
/// and a message short enough to show to the LLM.
public struct ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let raw: String
        /// An argument is missing, has the wrong type or an unusable value.
        public static let invalidArgument = Code(raw: "invalid argument")
        /// The result (or an argument) does not fit: overflow, non-finite, a date outside years 1...9999.
        public static let outOfRange = Code(raw: "out of range")
        /// A configured limit was hit (list length, output size, regex work).
        public static let limitExceeded = Code(raw: "limit exceeded")
        /// No builtin function of that name.
        public static let unknownFunction = Code(raw: "unknown function")
        public var description: String { raw }
    }

    public let code: Code
    /// The argument at fault, e.g. `$.values[3]`; nil when the failure concerns no single argument.
    public let path: JSONPath?
    public let message: String

    public init(_ code: Code, path: JSONPath? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `$.b: division by zero` or the bare message.
    public var description: String {
        if let path { return "\(path): \(message)" }
        return message
    }

    static func invalid(_ key: String, _ message: String) -> ToolError {
        ToolError(.invalidArgument, path: JSONPath.root.appending(key), message)
    }
}
