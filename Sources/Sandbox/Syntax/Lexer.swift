/// Turns source text into tokens. Works on UTF-8 bytes; columns count code points.
struct Lexer {
    private let src: [UInt8]
    private var i = 0
    private var line = 1
    private var col = 1

    init(_ source: String) { src = Array(source.utf8) }

    static func tokenize(_ source: String) throws(SandboxError) -> [Token] {
        var lx = Lexer(source)
        var out: [Token] = []
        while true {
            let t = try lx.next()
            out.append(t)
            if t.isEOF { return out }
        }
    }

    private func peek(_ o: Int = 0) -> UInt8 { i + o < src.count ? src[i + o] : 0 }

    private mutating func advance() {
        let c = src[i]
        i += 1
        if c == 10 { line += 1; col = 1 } else if c & 0xC0 != 0x80 { col += 1 }
    }

    private func fail(_ msg: String, _ l: Int, _ c: Int) -> SandboxError {
        SandboxError(.syntax, msg, line: l, column: c)
    }

    private static let isPunct: [Bool] = {
        var t = Array(repeating: false, count: 256)
        for b in "+-*/%!<>?:.,()[]{}=;".utf8 { t[Int(b)] = true }
        return t
    }()

    private static func isIdentStart(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) }

    mutating func next() throws(SandboxError) -> Token {
        // whitespace and comments
        while i < src.count {
            let c = src[i]
            if c == 32 || c == 9 || c == 10 || c == 13 || c == 12 {
                advance()
            } else if c == 47 && peek(1) == 47 {
                while i < src.count && src[i] != 10 { advance() }
            } else {
                break
            }
        }
        let l = line, c0 = col
        guard i < src.count else { return Token(kind: .eof, line: l, column: c0) }
        let c = src[i]

        // string and bytes literals with prefixes
        if c == 34 || c == 39 { return try string(raw: false, bytes: false, l, c0) }
        if c == 114 || c == 82 || c == 98 || c == 66 {  // r R b B
            var raw = false, bytes = false, n = 0
            while n < 2 {
                let p = peek(n)
                if (p == 114 || p == 82) && !raw { raw = true; n += 1 } else if (p == 98 || p == 66) && !bytes { bytes = true; n += 1 } else { break }
            }
            if n > 0 && (peek(n) == 34 || peek(n) == 39) {
                for _ in 0..<n { advance() }
                return try string(raw: raw, bytes: bytes, l, c0)
            }
        }
        if Lexer.isIdentStart(c) {
            let s = i
            while i < src.count && (Lexer.isIdentStart(src[i]) || Lexer.isDigit(src[i])) { advance() }
            return Token(kind: .ident(String(decoding: src[s..<i], as: UTF8.self)), line: l, column: c0)
        }
        if c == 96 {  // `quoted identifier`
            advance()
            let s = i
            while i < src.count && src[i] != 96 && src[i] != 10 { advance() }
            guard i < src.count && src[i] == 96, i > s else { throw fail("unterminated quoted identifier", l, c0) }
            let name = String(decoding: src[s..<i], as: UTF8.self)
            advance()
            return Token(kind: .punct("`" + name), line: l, column: c0)
        }
        if Lexer.isDigit(c) || (c == 46 && Lexer.isDigit(peek(1))) { return try number(l, c0) }

        let c1 = peek(1)
        let two: String? =
            switch (c, c1) {
            case (38, 38): "&&"
            case (124, 124): "||"
            case (61, 61): "=="
            case (33, 61): "!="
            case (60, 61): "<="
            case (62, 61): ">="
            default: nil
            }
        if let two {
            advance(); advance()
            return Token(kind: .punct(two), line: l, column: c0)
        }
        if Lexer.isPunct[Int(c)] {
            advance()
            return Token(kind: .punct(String(UnicodeScalar(c))), line: l, column: c0)
        }
        var scalarText = "character"
        if let s = String(validating: src[i..<min(src.count, i + 4)], as: UTF8.self)?.first { scalarText = "'\(s)'" }
        throw fail("unexpected \(scalarText)", l, c0)
    }

    private mutating func number(_ l: Int, _ c0: Int) throws(SandboxError) -> Token {
        let s = i
        if src[i] == 48 && (peek(1) == 120 || peek(1) == 88) {
            advance(); advance()
            let ds = i
            while i < src.count && Lexer.isHex(src[i]) { advance() }
            guard i > ds else { throw fail("malformed hex literal", l, c0) }
            let digits = String(decoding: src[ds..<i], as: UTF8.self)
            if peek() == 117 || peek() == 85 {
                advance()
                guard let u = UInt64(digits, radix: 16) else { throw fail("unsigned integer literal out of range", l, c0) }
                return Token(kind: .uint(u), line: l, column: c0)
            }
            return Token(kind: .int("0x" + digits), line: l, column: c0)
        }
        var isFloat = false
        while i < src.count && Lexer.isDigit(src[i]) { advance() }
        if peek() == 46 && Lexer.isDigit(peek(1)) {
            isFloat = true
            advance()
            while i < src.count && Lexer.isDigit(src[i]) { advance() }
        }
        if peek() == 101 || peek() == 69 {
            var n = 1
            if peek(1) == 43 || peek(1) == 45 { n = 2 }
            if Lexer.isDigit(peek(n)) {
                isFloat = true
                for _ in 0..<n { advance() }
                while i < src.count && Lexer.isDigit(src[i]) { advance() }
            }
        }
        let text = String(decoding: src[s..<i], as: UTF8.self)
        if isFloat {
            guard let d = Double(text) else { throw fail("malformed number \(text)", l, c0) }
            return Token(kind: .double(d), line: l, column: c0)
        }
        if peek() == 117 || peek() == 85 {
            advance()
            guard let u = UInt64(text) else { throw fail("unsigned integer literal out of range: \(text)u", l, c0) }
            return Token(kind: .uint(u), line: l, column: c0)
        }
        return Token(kind: .int(text), line: l, column: c0)
    }

    private mutating func string(raw: Bool, bytes: Bool, _ l: Int, _ c0: Int) throws(SandboxError) -> Token {
        let q = src[i]
        let triple = peek(1) == q && peek(2) == q
        for _ in 0..<(triple ? 3 : 1) { advance() }
        var out: [UInt8] = []
        while true {
            guard i < src.count else { throw fail("unterminated string literal", l, c0) }
            let c = src[i]
            if c == q && (!triple || (peek(1) == q && peek(2) == q)) {
                for _ in 0..<(triple ? 3 : 1) { advance() }
                break
            }
            if (c == 10 || c == 13) && !triple { throw fail("newline in string literal", l, c0) }
            if c == 92 && !raw {
                let el = line, ec = col
                advance()
                guard i < src.count else { throw fail("unterminated string literal", l, c0) }
                try escape(into: &out, bytes: bytes, el, ec)
                continue
            }
            out.append(c)
            advance()
        }
        if bytes { return Token(kind: .bytes(out), line: l, column: c0) }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8 in string literal", l, c0) }
        return Token(kind: .string(s), line: l, column: c0)
    }

    private mutating func hexDigits(_ n: Int, _ l: Int, _ c: Int) throws(SandboxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<n {
            let d = peek()
            guard Lexer.isHex(d) else { throw fail("invalid escape sequence", l, c) }
            let x: UInt32 = d <= 57 ? UInt32(d - 48) : (d <= 70 ? UInt32(d - 55) : UInt32(d - 87))
            v = v << 4 | x
            advance()
        }
        return v
    }

    private mutating func escape(into out: inout [UInt8], bytes: Bool, _ l: Int, _ c: Int) throws(SandboxError) {
        let e = src[i]
        advance()
        switch e {
        case 97: out.append(7)
        case 98: out.append(8)
        case 102: out.append(12)
        case 110: out.append(10)
        case 114: out.append(13)
        case 116: out.append(9)
        case 118: out.append(11)
        case 92, 63, 34, 39, 96: out.append(e)
        case 120, 88:  // \xHH
            let v = try hexDigits(2, l, c)
            if bytes { out.append(UInt8(v)) } else { appendScalar(v, &out) }
        case 117, 85:  // \uHHHH \UHHHHHHHH
            if bytes { throw fail("\\u escapes are not allowed in bytes literals", l, c) }
            let v = try hexDigits(e == 117 ? 4 : 8, l, c)
            guard v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else { throw fail("invalid code point in escape", l, c) }
            appendScalar(v, &out)
        case 48...51:  // octal \ooo
            var v = UInt32(e - 48)
            for _ in 0..<2 {
                let d = peek()
                guard d >= 48 && d <= 55 else { throw fail("invalid octal escape", l, c) }
                v = v * 8 + UInt32(d - 48)
                advance()
            }
            if bytes { out.append(UInt8(v)) } else { appendScalar(v, &out) }
        default:
            throw fail("invalid escape sequence", l, c)
        }
    }

    private func appendScalar(_ v: UInt32, _ out: inout [UInt8]) {
        guard let s = Unicode.Scalar(v) else { return }
        out.append(contentsOf: Array(String(Character(s)).utf8))
    }
}
