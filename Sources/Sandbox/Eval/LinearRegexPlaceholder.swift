// TEMPORARY: stands in for Sources/Sandbox/Regex (branch sandboxaux) until it is merged; removed at merge.
public struct RegexError: Error, Sendable { public let message: String }
public struct LinearRegex: Sendable {
    public init(pattern: String) throws(RegexError) { throw RegexError(message: "regular expressions are not available yet") }
    public func search(_ text: String) -> Bool { false }
}
