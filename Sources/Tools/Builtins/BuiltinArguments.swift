public import Catalog

/// Typed access to a builtin's arguments object. Every accessor throws a `ToolError` naming the
/// argument's path instead of trapping, so a builtin is safe on arguments that skipped validation.
public struct BuiltinArguments: Sendable {
    public let object: JSONObject
    let limits: BuiltinLimits

    public init(_ object: JSONObject, limits: BuiltinLimits = BuiltinLimits()) {
        self.object = object
        self.limits = limits
    }

    /// The argument, nil when absent or null.
    public func value(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    public func number(_ key: String) throws(ToolError) -> JSONNumber {
        guard let value = value(key) else { throw ToolError.invalid(key, "required argument missing") }
        guard case .number(let n) = value else { throw ToolError.invalid(key, "expected a number, found \(value.typeName)") }
        return n
    }

    public func double(_ key: String) throws(ToolError) -> Double {
        try number(key).double
    }

    public func double(_ key: String, default fallback: Double) throws(ToolError) -> Double {
        value(key) == nil ? fallback : try double(key)
    }

    public func int(_ key: String) throws(ToolError) -> Int {
        let n = try number(key)
        guard let i = n.int ?? JSONNumber.exactInt(n.double), let int = Int(exactly: i) else {
            throw ToolError.invalid(key, "expected an integer, found \(n)")
        }
        return int
    }

    public func int(_ key: String, default fallback: Int) throws(ToolError) -> Int {
        value(key) == nil ? fallback : try int(key)
    }

    /// An integer argument that must lie in `range`.
    public func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(ToolError) -> Int {
        let v = try int(key, default: fallback)
        guard range.contains(v) else {
            throw ToolError(.outOfRange, path: JSONPath.root.appending(key), "\(v) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }

    public func string(_ key: String) throws(ToolError) -> String {
        guard let value = value(key) else { throw ToolError.invalid(key, "required argument missing") }
        guard case .string(let s) = value else { throw ToolError.invalid(key, "expected a string, found \(value.typeName)") }
        return s
    }

    public func string(_ key: String, default fallback: String) throws(ToolError) -> String {
        value(key) == nil ? fallback : try string(key)
    }

    public func optionalString(_ key: String) throws(ToolError) -> String? {
        value(key) == nil ? nil : try string(key)
    }

    public func bool(_ key: String, default fallback: Bool) throws(ToolError) -> Bool {
        guard let value = value(key) else { return fallback }
        guard case .bool(let b) = value else { throw ToolError.invalid(key, "expected a boolean, found \(value.typeName)") }
        return b
    }

    /// A non-empty list of numbers, at most `limits.maxListItems` long.
    public func numbers(_ key: String) throws(ToolError) -> [JSONNumber] {
        guard let value = value(key) else { throw ToolError.invalid(key, "required argument missing") }
        guard case .array(let items) = value else { throw ToolError.invalid(key, "expected a list of numbers, found \(value.typeName)") }
        guard !items.isEmpty else { throw ToolError.invalid(key, "needs at least one number") }
        guard items.count <= limits.maxListItems else {
            throw ToolError(.limitExceeded, path: JSONPath.root.appending(key),
                            "list of \(items.count) items exceeds the limit maxListItems=\(limits.maxListItems)")
        }
        var numbers: [JSONNumber] = []
        numbers.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .number(let n) = item else {
                throw ToolError(.invalidArgument, path: JSONPath.root.appending(key).appending(index: i), "expected a number, found \(item.typeName)")
            }
            numbers.append(n)
        }
        return numbers
    }

    /// A string argument that must be one of `choices`.
    public func choice(_ key: String, default fallback: String? = nil, in choices: [String]) throws(ToolError) -> String {
        let s: String
        if let fallback { s = try string(key, default: fallback) } else { s = try string(key) }
        guard choices.contains(s) else {
            throw ToolError.invalid(key, "\"\(s)\" is not one of \(choices.joined(separator: ", "))")
        }
        return s
    }
}

/// Limits of the builtin tools. Every limit fails with a `limitExceeded` error naming it and the amount.
public struct BuiltinLimits: Sendable {
    /// Longest list a builtin accepts or produces.
    public var maxListItems: Int
    /// Longest string a builtin produces, in Unicode scalars (the plan language's string limit).
    public var maxStringScalars: Int
    /// UTF-8 bytes a regex extraction may scan in total (each successive search rescans the rest of the text).
    public var maxRegexWork: Int
    /// Deepest nesting `json_flatten` walks.
    public var maxDepth: Int

    public init(maxListItems: Int = 100_000, maxStringScalars: Int = 1 << 20, maxRegexWork: Int = 64 << 20, maxDepth: Int = 128) {
        self.maxListItems = maxListItems
        self.maxStringScalars = maxStringScalars
        self.maxRegexWork = maxRegexWork
        self.maxDepth = maxDepth
    }
}
