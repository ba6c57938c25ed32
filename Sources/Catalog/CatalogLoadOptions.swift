/// Settings of the catalog loader. Every limit fails the load with an issue naming it and the amount.
public struct CatalogLoadOptions: Sendable {
    /// Names tools may not take (the plan language's keywords, macros and functions by default).
    public var reservedNames: Set<String>
    /// Largest catalog file accepted, in bytes.
    public var maxFileBytes: Int
    /// Most tools in the whole catalog.
    public var maxTools: Int
    /// Nesting limit of each file's JSON.
    public var maxDepth: Int
    /// When set, every `pattern` in a schema is compiled with it and a pattern it refuses is an issue.
    public var patternMatcher: (any SchemaPatternMatcher)?

    public init(
        reservedNames: Set<String> = Catalog.defaultReservedNames, maxFileBytes: Int = 64 << 20, maxTools: Int = 100_000,
        maxDepth: Int = 64, patternMatcher: (any SchemaPatternMatcher)? = nil
    ) {
        self.patternMatcher = patternMatcher
        self.reservedNames = reservedNames
        self.maxFileBytes = maxFileBytes
        self.maxTools = maxTools
        self.maxDepth = maxDepth
    }
}

/// One catalog file's contents, with the name used in messages (`catalog/weather.json`).
public struct CatalogSource: Sendable {
    public let name: String
    public let bytes: [UInt8]
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }
}
