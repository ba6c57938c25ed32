#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPAPI

/// Reads the configuration in order of precedence: defaults < file < environment < flags.
///
/// The file is `--config PATH`, else `QUIVER_CONFIG`, else `config/quiver.json` when it exists.
/// Nested objects in the file map to dotted keys (`{"rate_limit": {"burst": 5}}` is `rate_limit.burst`).
/// Every problem (bad type, out of range, unknown key in the file or flags) is collected and thrown as
/// `ConfigErrors`, each naming key, source and reason.
struct ConfigLoader: Sendable {
    static let defaultFilePath = "config/quiver.json"
    static let fileEnvironmentVariable = "QUIVER_CONFIG"

    var keys: [any AnyConfigKey] = ConfigKeys.all

    func load(configPath: String?, environment: [String: String], flags: [String]) throws(ConfigErrors) -> Configuration {
        var errors: [ConfigError] = []
        var entries: [String: Configuration.Entry] = [:]
        let byName = Dictionary(keys.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        // File.
        var filePath: String?
        if let explicit = configPath ?? environment[Self.fileEnvironmentVariable], !explicit.isEmpty {
            filePath = explicit
        } else if FileManager.default.fileExists(atPath: Self.defaultFilePath) {
            filePath = Self.defaultFilePath
        }
        if let filePath {
            let source = ConfigSource.file(path: filePath)
            switch Self.readFile(filePath) {
            case .failure(let failure):
                errors.append(ConfigError(key: "config", source: source, reason: failure.reason))
            case .success(let root):
                for (name, json) in Self.flatten(root) {
                    guard let key = byName[name] else {
                        errors.append(ConfigError(key: name, source: source, reason: "unknown key\(Self.suggestion(for: name, in: keys))"))
                        continue
                    }
                    switch key.parse(json: json) {
                    case .success(let value): entries[name] = .init(value: value, source: source)
                    case .failure(let failure): errors.append(ConfigError(key: name, source: source, reason: failure.reason))
                    }
                }
            }
        }

        // Environment.
        var ignored: [String] = []
        let byVariable = Dictionary(keys.map { ($0.environmentVariable, $0) }, uniquingKeysWith: { first, _ in first })
        for (variable, text) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix("QUIVER_") {
            guard let key = byVariable[variable] else {
                if variable != Self.fileEnvironmentVariable { ignored.append(variable) }
                continue
            }
            let source = ConfigSource.environment(variable: variable)
            switch key.parse(text: text) {
            case .success(let value): entries[key.name] = .init(value: value, source: source)
            case .failure(let failure): errors.append(ConfigError(key: key.name, source: source, reason: failure.reason))
            }
        }

        // Flags.
        let (flagValues, flagErrors) = FlagParser(keys: keys).parse(flags)
        errors += flagErrors
        for (key, value, source) in flagValues {
            entries[key.name] = .init(value: value, source: source)
        }

        let configuration = Configuration(entries: entries, filePath: filePath, ignoredEnvironment: ignored)
        errors += Self.crossChecks(configuration)
        if !errors.isEmpty { throw ConfigErrors(errors: errors) }
        return configuration
    }

    /// Checks that involve more than one key or the file system.
    static func crossChecks(_ config: Configuration) -> [ConfigError] {
        var errors: [ConfigError] = ConfigKeys.rankingCrossChecks(config)
        do throws(APIKeyError) {
            _ = try APIKeySet(keys: config[ConfigKeys.apiKeys])
        } catch {
            errors.append(ConfigError(key: ConfigKeys.apiKeys.name, source: config.source(of: ConfigKeys.apiKeys.name), reason: error.description))
        }
        if let path = config[ConfigKeys.apiKeysFile] {
            let source = config.source(of: ConfigKeys.apiKeysFile.name)
            switch APIKeyFile.read(path) {
            case .failure(let failure):
                errors.append(ConfigError(key: ConfigKeys.apiKeysFile.name, source: source, reason: failure.reason))
            case .success(let keys):
                do throws(APIKeyError) {
                    _ = try APIKeySet(keys: keys)
                } catch {
                    errors.append(ConfigError(key: ConfigKeys.apiKeysFile.name, source: source, reason: "\(path): \(error.description)"))
                }
            }
        }
        return errors
    }

    static func readFile(_ path: String) -> Result<JSONValue, ParseFailure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ParseFailure(reason: "cannot read the config file \(path)"))
        }
        if let syntax = JSONSyntaxChecker().firstError(in: Array(data)) {
            return .failure(ParseFailure(reason: "malformed JSON in \(path) at line \(syntax.line), column \(syntax.column): \(syntax.reason)"))
        }
        do {
            let value = try JSONDecoder().decode(JSONValue.self, from: data)
            guard case .object = value else { return .failure(ParseFailure(reason: "the config file must hold a JSON object, found \(value.kindDescription)")) }
            return .success(value)
        } catch {
            return .failure(ParseFailure(reason: "cannot decode \(path): \(error)"))
        }
    }

    /// Dotted names for nested objects; arrays and scalars are values.
    static func flatten(_ value: JSONValue, prefix: String = "") -> [(String, JSONValue)] {
        guard case .object(let members) = value else { return [(prefix, value)] }
        var out: [(String, JSONValue)] = []
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let full = prefix.isEmpty ? name : prefix + "." + name
            if case .object = member, !isKnownKey(full) {
                out += flatten(member, prefix: full)
            } else {
                out.append((full, member))
            }
        }
        return out
    }

    private static func isKnownKey(_ name: String) -> Bool {
        ConfigKeys.named(name) != nil
    }

    /// "; did you mean 'x'?" for the key closest to a misspelt name (edit distance at most 2).
    static func suggestion(for name: String, in keys: [any AnyConfigKey]) -> String {
        let scored = keys.map { ($0.name, editDistance(Array(name.utf8), Array($0.name.utf8))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return "" }
        return "; did you mean '\(best.0)'?"
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
