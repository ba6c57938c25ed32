/// JSON string literals: the one escaper every module uses.
///
/// Policy: `"` and `\` are escaped, `\n` `\r` `\t` use their short escapes, every other control character
/// below U+0020 becomes `\u00xx` (lowercase hex), and everything else is written as UTF-8 unchanged.
/// With `escapeLineSeparators`, U+2028 and U+2029 also become `\u2028`/`\u2029` (for text that may be
/// embedded in JavaScript or read by line-splitting tools). Lone surrogates cannot occur: a Swift `String`
/// holds only Unicode scalars, so the output is always valid UTF-8 and valid JSON.
public enum JSONString {
    public struct Options: Sendable, Equatable {
        /// Escape U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR as `\u2028`/`\u2029`.
        public var escapeLineSeparators: Bool
        public init(escapeLineSeparators: Bool = false) { self.escapeLineSeparators = escapeLineSeparators }
        /// The default: only what JSON requires, plus the short escapes.
        public static let standard = Options()
    }

    /// `text` as a quoted JSON string literal.
    @inlinable
    public static func quoted(_ text: String, options: Options = .standard) -> String {
        var out = ""
        append(text, to: &out, options: options)
        return out
    }

    /// Appends `text` as a quoted JSON string literal to `out`.
    @inlinable
    public static func append<Output: JSONOutput>(_ text: String, to out: inout Output, options: Options = .standard) {
        out.appendASCII(0x22)
        var text = text
        text.withUTF8 { utf8 in
            if needsEscaping(utf8, options: options) {
                appendEscaped(utf8, to: &out, options: options)
            } else {
                out.appendUTF8(utf8)  // nothing to escape: the common case, copied in one step
            }
        }
        out.appendASCII(0x22)
    }

    /// Whether any byte of `utf8` must be escaped under `options`.
    @inlinable
    public static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>, options: Options = .standard) -> Bool {
        for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || (options.escapeLineSeparators && byte == 0xE2) {
            return true
        }
        return false
    }

    /// Escapes byte by byte: runs of bytes that need nothing are copied in one step. Runs are cut only at
    /// ASCII bytes or around a whole U+2028/U+2029 sequence, so every run is valid UTF-8 on its own.
    @usableFromInline
    static func appendEscaped<Output: JSONOutput>(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout Output, options: Options) {
        var runStart = 0
        var i = 0
        func flush(_ end: Int, _ out: inout Output) {
            if end > runStart { out.appendUTF8(UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
        }
        while i < utf8.count {
            let byte = utf8[i]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                if byte == 0xE2, options.escapeLineSeparators, i + 2 < utf8.count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                    flush(i, &out)
                    out.appendText(utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                    runStart = i
                    continue
                }
                i += 1
                continue
            }
            flush(i, &out)
            out.appendASCII(0x5C)
            switch byte {
            case 0x22: out.appendASCII(0x22)
            case 0x5C: out.appendASCII(0x5C)
            case 0x0A: out.appendASCII(UInt8(ascii: "n"))
            case 0x0D: out.appendASCII(UInt8(ascii: "r"))
            case 0x09: out.appendASCII(UInt8(ascii: "t"))
            default:
                out.appendText("u00")
                out.appendASCII(hexDigit(byte >> 4))
                out.appendASCII(hexDigit(byte & 0xF))
            }
            i += 1
            runStart = i
        }
        flush(i, &out)
    }

    @usableFromInline
    static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }
}
