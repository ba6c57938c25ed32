/// A lexical token with its 1-based source position.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case ident(String)
        case int(String)        // decimal or 0x digits, without sign or suffix
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case punct(String)      // operators and punctuation, e.g. "&&", "(", "."
        case eof
    }

    var kind: Kind
    var line: Int
    var column: Int

    var isEOF: Bool { kind == .eof }

    func isPunct(_ p: String) -> Bool {
        if case .punct(let q) = kind { return q == p }
        return false
    }

    var describe: String {
        switch kind {
        case .ident(let s): "'\(s)'"
        case .int(let s): "'\(s)'"
        case .uint(let u): "'\(u)u'"
        case .double(let d): "'\(d)'"
        case .string: "string literal"
        case .bytes: "bytes literal"
        case .punct(let p): "'\(p)'"
        case .eof: "end of input"
        }
    }
}
