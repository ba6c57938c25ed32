/// Where a configuration value came from; later sources win.
enum ConfigSource: Sendable, Equatable, CustomStringConvertible {
    case defaults
    case file(path: String)
    case environment(variable: String)
    case flag(name: String)

    var description: String {
        switch self {
        case .defaults: "default"
        case .file(let path): "file \(path)"
        case .environment(let variable): "env \(variable)"
        case .flag(let name): "flag \(name)"
        }
    }

    /// "default", "file", "env" or "flag".
    var kind: String {
        switch self {
        case .defaults: "default"
        case .file: "file"
        case .environment: "env"
        case .flag: "flag"
        }
    }
}

/// One bad configuration value: the key, where it came from, and why it was refused.
struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    let key: String
    let source: ConfigSource
    let reason: String

    var description: String { "\(key) (from \(source)): \(reason)" }
}

/// Every problem found while loading, reported together; start-up stops with exit code 2.
struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    let errors: [ConfigError]

    var description: String {
        "invalid configuration:\n" + errors.map { "  - \($0)" }.joined(separator: "\n")
    }
}
