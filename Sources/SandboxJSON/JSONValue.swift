import JSONCore
public import Sandbox

/// JSON parsing and serialization for plan values, without Foundation, through JSONCore. A module of its own
/// so that `Sandbox` stays pure (standard library and Synchronization only).
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
        do throws(JSONReadError) {
            return try JSONReader.read(Array(text.utf8), limits: JSONReader.Limits(maxDepth: maxDepth), builder: ValueBuilder(numbers: numbers))
        } catch {
            let message = error.code == .tooDeep ? "nested deeper than \(maxDepth) (the limit maxDepth)" : error.message
            throw SandboxError(.syntax, "invalid JSON: \(message)", line: error.line, column: error.column)
        }
    }

    /// Serializes a value as compact JSON. Map keys become strings; bytes become base64 strings;
    /// non-finite doubles become null; types become their names; error values become {"error": message}.
    public static func serialize(_ v: Value) -> String {
        var writer = JSONWriter(output: "")
        write(v, &writer)
        return writer.output
    }

    static func write(_ v: Value, _ out: inout JSONWriter<String>) {
        switch v {
        case .null: out.null()
        case .bool(let b): out.bool(b)
        case .int(let i): out.integer(i)
        case .uint(let u): out.integer(u)
        case .double(let d): out.double(d, style: .integralAsInteger)
        case .string(let s): out.string(s)
        case .bytes(let b): out.string(Base64.encode(b))
        case .type(let t): out.string(t.rawValue)
        case .error(let e):
            out.beginObject()
            out.key("error")
            out.string(e.description)
            out.endObject()
        case .list(let xs):
            out.beginArray()
            for x in xs { write(x, &out) }
            out.endArray()
        case .map(let m):
            out.beginObject()
            for (k, x) in m.entries {
                switch k {
                case .string(let s): out.key(s)
                default: out.key(k.literalText.replacingSuffixU())
                }
                write(x, &out)
            }
            out.endObject()
        }
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
