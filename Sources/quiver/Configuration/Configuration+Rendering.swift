#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Configuration {
    /// `key = value  (source)` lines, secrets redacted.
    func renderText() -> String {
        let width = ConfigKeys.all.map(\.name.count).max() ?? 0
        var lines: [String] = []
        if let filePath { lines.append("# config file: \(filePath)") }
        for key in ConfigKeys.all {
            let value = key.display(value(of: key))
            let padded = key.name + String(repeating: " ", count: max(width - key.name.count, 0))
            lines.append("\(padded) = \(value.isEmpty ? "(unset)" : value)  [\(source(of: key.name))]")
        }
        return lines.joined(separator: "\n")
    }

    /// A nested JSON object in the config file's shape (usable as a config file), secrets redacted.
    func renderJSON() -> String {
        var root: [String: JSONValue] = [:]
        for key in ConfigKeys.all {
            Self.insert(key.json(value(of: key)), at: key.name.split(separator: ".").map(String.init), into: &root)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(JSONValue.object(root)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func insert(_ value: JSONValue, at path: [String], into object: inout [String: JSONValue]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
            return
        }
        var child: [String: JSONValue] = [:]
        if case .object(let existing) = object[first] { child = existing }
        insert(value, at: Array(path.dropFirst()), into: &child)
        object[first] = .object(child)
    }

    /// The README's configuration table, generated from the key table.
    static func markdownTable() -> String {
        var lines = [
            "| key (file) | environment | flag | type | default | description |",
            "|---|---|---|---|---|---|",
        ]
        for key in ConfigKeys.all {
            let defaultText = key.defaultDisplay.isEmpty ? "(unset)" : "`\(key.defaultDisplay)`"
            let help = key.help.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(key.name)` | `\(key.environmentVariable)` | `\(key.flag)` | \(key.typeDescription) | \(defaultText) | \(help) |")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard let first = target.first, target.count == 1 else { return self }
        return replacingOccurrences(of: first, with: replacement)
    }
}
