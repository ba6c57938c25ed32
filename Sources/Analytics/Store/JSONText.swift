/// The two small JSON shapes the store writes (a list of names, a list of scored hits), encoded by hand:
/// Foundation's JSONEncoder costs more than the SQLite insert itself on the writer's hot path.
enum JSONText {
    static func array(_ strings: [String]) -> String {
        var out = "["
        for (i, s) in strings.enumerated() {
            if i > 0 { out += "," }
            appendQuoted(s, to: &out)
        }
        return out + "]"
    }

    static func hits(_ hits: [SearchRecord.Hit]) -> String {
        var out = "["
        for (i, hit) in hits.enumerated() {
            if i > 0 { out += "," }
            out += "{\"score\":"
            out += hit.score.isFinite ? "\(hit.score)" : "0"  // JSON has no NaN or infinity
            out += ",\"tool\":"
            appendQuoted(hit.tool, to: &out)
            out += "}"
        }
        return out + "]"
    }

    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s  // nothing to escape: the common case
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
