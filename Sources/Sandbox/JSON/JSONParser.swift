/// A recursive-descent JSON parser over UTF-8 bytes with a nesting limit (no trap on any input).
struct JSONParser {
    private let s: [UInt8]
    private var i = 0
    private let numbers: JSONValue.Numbers
    private let maxDepth: Int
    private var depth = 0

    init(_ bytes: [UInt8], numbers: JSONValue.Numbers, maxDepth: Int) {
        s = bytes
        self.numbers = numbers
        self.maxDepth = maxDepth
    }

    private func fail(_ msg: String) -> SandboxError {
        var line = 1, col = 1
        for b in s[0..<min(i, s.count)] {
            if b == 10 { line += 1; col = 1 } else if b & 0xC0 != 0x80 { col += 1 }
        }
        return SandboxError(.syntax, "invalid JSON: \(msg)", line: line, column: col)
    }

    private mutating func ws() {
        while i < s.count, s[i] == 32 || s[i] == 9 || s[i] == 10 || s[i] == 13 { i += 1 }
    }

    mutating func parseDocument() throws(SandboxError) -> Value {
        ws()
        let v = try value()
        ws()
        guard i == s.count else { throw fail("unexpected data after the value") }
        return v
    }

    private mutating func literal(_ word: String, _ v: Value) throws(SandboxError) -> Value {
        let w = Array(word.utf8)
        guard i + w.count <= s.count, Array(s[i..<(i + w.count)]) == w else { throw fail("unexpected character") }
        i += w.count
        return v
    }

    private mutating func value() throws(SandboxError) -> Value {
        guard i < s.count else { throw fail("unexpected end of input") }
        switch s[i] {
        case 110: return try literal("null", .null)
        case 116: return try literal("true", .bool(true))
        case 102: return try literal("false", .bool(false))
        case 34: return .string(try string())
        case 91:
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else { throw fail("nested deeper than \(maxDepth)") }
            i += 1
            var xs: [Value] = []
            ws()
            if i < s.count && s[i] == 93 { i += 1; return .list(xs) }
            while true {
                ws()
                xs.append(try value())
                ws()
                guard i < s.count else { throw fail("unterminated array") }
                if s[i] == 44 { i += 1; continue }
                if s[i] == 93 { i += 1; return .list(xs) }
                throw fail("expected ',' or ']'")
            }
        case 123:
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else { throw fail("nested deeper than \(maxDepth)") }
            i += 1
            var m = MapValue()
            ws()
            if i < s.count && s[i] == 125 { i += 1; return .map(m) }
            while true {
                ws()
                guard i < s.count, s[i] == 34 else { throw fail("expected a string key") }
                let k = try string()
                ws()
                guard i < s.count, s[i] == 58 else { throw fail("expected ':'") }
                i += 1
                ws()
                let v = try value()
                m.insertOrReplace(key: .string(k), value: v)
                ws()
                guard i < s.count else { throw fail("unterminated object") }
                if s[i] == 44 { i += 1; continue }
                if s[i] == 125 { i += 1; return .map(m) }
                throw fail("expected ',' or '}'")
            }
        default:
            return try number()
        }
    }

    private mutating func number() throws(SandboxError) -> Value {
        let start = i
        var integral = true
        if i < s.count && s[i] == 45 { i += 1 }
        let ds = i
        while i < s.count, s[i] >= 48 && s[i] <= 57 { i += 1 }
        guard i > ds else { throw fail("unexpected character") }
        if i < s.count && s[i] == 46 {
            integral = false
            i += 1
            let fs = i
            while i < s.count, s[i] >= 48 && s[i] <= 57 { i += 1 }
            guard i > fs else { throw fail("malformed number") }
        }
        if i < s.count && (s[i] == 101 || s[i] == 69) {
            integral = false
            i += 1
            if i < s.count && (s[i] == 43 || s[i] == 45) { i += 1 }
            let es = i
            while i < s.count, s[i] >= 48 && s[i] <= 57 { i += 1 }
            guard i > es else { throw fail("malformed number") }
        }
        let text = String(decoding: s[start..<i], as: UTF8.self)
        if integral && numbers == .integralAsInt {
            if let v = Int64(text) { return .int(v) }
            if let u = UInt64(text) { return .uint(u) }
        }
        guard let d = Double(text) else { throw fail("malformed number") }
        return .double(d)
    }

    private mutating func hex4() throws(SandboxError) -> UInt32 {
        guard i + 4 <= s.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = s[i]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 97...102: d = UInt32(c - 87)
            case 65...70: d = UInt32(c - 55)
            default: throw fail("bad \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func string() throws(SandboxError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < s.count else { throw fail("unterminated string") }
            let c = s[i]
            if c == 34 { i += 1; break }
            if c < 0x20 { throw fail("control character in string") }
            if c != 92 { out.append(c); i += 1; continue }
            i += 1
            guard i < s.count else { throw fail("unterminated string") }
            let e = s[i]
            i += 1
            switch e {
            case 34, 92, 47: out.append(e)
            case 98: out.append(8)
            case 102: out.append(12)
            case 110: out.append(10)
            case 114: out.append(13)
            case 116: out.append(9)
            case 117:
                var cp = try hex4()
                if (0xD800...0xDBFF).contains(cp) {
                    guard i + 1 < s.count, s[i] == 92, s[i + 1] == 117 else { throw fail("unpaired surrogate") }
                    i += 2
                    let lo = try hex4()
                    guard (0xDC00...0xDFFF).contains(lo) else { throw fail("unpaired surrogate") }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(cp) {
                    throw fail("unpaired surrogate")
                }
                guard let sc = Unicode.Scalar(cp) else { throw fail("bad code point") }
                out.append(contentsOf: Array(String(Character(sc)).utf8))
            default: throw fail("bad escape")
            }
        }
        guard let str = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8") }
        return str
    }
}
