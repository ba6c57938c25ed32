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
        let clean = text.withUTF8 { utf8 -> Bool in
            if needsEscaping(utf8, options: options) { return false }
            out.appendUTF8(utf8)  // nothing to escape: the common case, copied in one step
            return true
        }
        if !clean { appendEscaped(text, to: &out, options: options) }
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

    @usableFromInline
    static func appendEscaped<Output: JSONOutput>(_ text: String, to out: inout Output, options: Options) {
        var pending = ""  // a run of scalars that need no escaping, flushed before each escape
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let escape: String
            switch value {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0..<0x20: escape = unicodeEscape(value)
            case 0x2028 where options.escapeLineSeparators, 0x2029 where options.escapeLineSeparators: escape = unicodeEscape(value)
            default:
                pending.unicodeScalars.append(scalar)
                continue
            }
            if !pending.isEmpty {
                out.appendText(pending)
                pending = ""
            }
            out.appendText(escape)
        }
        if !pending.isEmpty { out.appendText(pending) }
    }

    /// `\uXXXX` with four lowercase hex digits, for a value below 0x10000.
    @usableFromInline
    static func unicodeEscape(_ value: UInt32) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        var out = "\\u"
        for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int((value >> UInt32(shift)) & 0xF)]) }
        return out
    }
}
