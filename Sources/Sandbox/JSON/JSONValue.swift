/// JSON parsing and serialization for values, without Foundation.
/// Tool arguments and results cross as JSON: a JSON number becomes a double unless the caller asks
/// for integers (`.integralAsInt`: numbers written without fraction or exponent become int).
public enum JSONValue {
    public enum Numbers: Sendable {
        /// Every number is a double (the default for tool results).
        case double
        /// Numbers written as integers become `int` (or `uint` above Int64.max); others double.
        case integralAsInt
    }

    /// Parses JSON text. Errors carry line and column. Nesting is limited to `maxDepth`.
    public static func parse(_ text: String, numbers: Numbers = .double, maxDepth: Int = 256) throws(SandboxError) -> Value {
        var p = JSONParser(Array(text.utf8), numbers: numbers, maxDepth: maxDepth)
        return try p.parseDocument()
    }

    /// Serializes a value as compact JSON. Map keys become strings; bytes become base64 strings;
    /// non-finite doubles become null; types become their names; error values become {"error": message}.
    public static func serialize(_ v: Value) -> String {
        var out = ""
        write(v, &out)
        return out
    }

    static func write(_ v: Value, _ out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d):
            if !d.isFinite { out += "null"; return }
            if d == d.rounded(), Swift.abs(d) < 1e15 { out += String(Int64(d)); return }
            out += d.description
        case .string(let s): writeString(s, &out)
        case .bytes(let b): writeString(Base64.encode(b), &out)
        case .type(let t): writeString(t.rawValue, &out)
        case .error(let e): out += "{\"error\":"; writeString(e.description, &out); out += "}"
        case .list(let xs):
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += "," }
                write(x, &out)
            }
            out += "]"
        case .map(let m):
            out += "{"
            var first = true
            for (k, x) in m.entries {
                if !first { out += "," }
                first = false
                switch k {
                case .string(let s): writeString(s, &out)
                default: writeString(Printer.literal(k).replacingSuffixU(), &out)
                }
                out += ":"
                write(x, &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, _ out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

extension String {
    fileprivate func replacingSuffixU() -> String { hasSuffix("u") ? String(dropLast()) : self }
}

/// Standard base64 with padding.
enum Base64 {
    static let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static func encode(_ b: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((b.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < b.count {
            let n = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)]]
            i += 3
        }
        let rest = b.count - i
        if rest == 1 {
            let n = UInt32(b[i]) << 16
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], 61, 61]
        } else if rest == 2 {
            let n = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], 61]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONValue {
    /// Parses a JSON object into bindings for `Program.evaluate(bindings:)` (integers stay int).
    public static func bindings(fromJSON text: String) throws(SandboxError) -> [String: Value] {
        guard case .map(let m) = try parse(text, numbers: .integralAsInt) else {
            throw SandboxError(.syntax, "bindings must be a JSON object")
        }
        var out: [String: Value] = [:]
        for (k, v) in m.entries {
            if case .string(let s) = k { out[s] = v }
        }
        return out
    }
}
