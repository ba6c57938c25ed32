/// The effective configuration: one value per key, with where it came from.
struct Configuration: Sendable {
    struct Entry: Sendable {
        let value: any Sendable
        let source: ConfigSource
    }

    private(set) var entries: [String: Entry]
    /// The config file that was read, if any.
    let filePath: String?
    /// Environment variables with the `QUIVER_` prefix that name no key (ignored, logged at start).
    let ignoredEnvironment: [String]

    init(entries: [String: Entry], filePath: String?, ignoredEnvironment: [String]) {
        self.entries = entries
        self.filePath = filePath
        self.ignoredEnvironment = ignoredEnvironment
    }

    /// The defaults alone.
    static var defaults: Configuration {
        Configuration(entries: [:], filePath: nil, ignoredEnvironment: [])
    }

    /// The value of a key of any type (its default when unset).
    func value(of key: any AnyConfigKey) -> any Sendable {
        entries[key.name]?.value ?? key.defaultAny
    }

    subscript<Value: ConfigValue>(key: ConfigKey<Value>) -> Value {
        (entries[key.name]?.value as? Value) ?? key.defaultValue
    }

    func source(of name: String) -> ConfigSource {
        entries[name]?.source ?? .defaults
    }

    mutating func set(_ name: String, value: any Sendable, source: ConfigSource) {
        entries[name] = Entry(value: value, source: source)
    }
}
