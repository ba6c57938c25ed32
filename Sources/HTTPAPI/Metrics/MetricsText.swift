/// Post-processing of Prometheus text exposition.
enum MetricsText {
    /// Inserts `# HELP name text` before every `# TYPE name ...` line that has none, so that families
    /// created through the swift-metrics API (which has no help text) pass `promtool check metrics`.
    static func addingMissingHelp(to exposition: [UInt8], helpTexts: [String: String]) -> [UInt8] {
        let text = String(decoding: exposition, as: UTF8.self)
        var out = ""
        out.reserveCapacity(text.utf8.count + 256)
        var previousWasHelp: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# HELP ") {
                previousWasHelp = line.dropFirst(7).split(separator: " ", maxSplits: 1).first.map(String.init)
            } else if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst(7).split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                if previousWasHelp != name {
                    let help = helpTexts[name] ?? "Quiver metric \(name)."
                    out += "# HELP \(name) \(escape(help))\n"
                }
                previousWasHelp = nil
            } else {
                previousWasHelp = nil
            }
            out += line
            out += "\n"
        }
        // split keeps a trailing empty piece when the text ends with a newline; drop the extra one.
        if out.hasSuffix("\n\n") { out.removeLast() }
        return Array(out.utf8)
    }

    static func escape(_ help: String) -> String {
        help.replacingBackslashesAndNewlines()
    }
}

extension String {
    func replacingBackslashesAndNewlines() -> String {
        var out = ""
        for ch in self {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }
}
