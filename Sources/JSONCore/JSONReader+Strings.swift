extension JSONReader {
    @inlinable
    mutating func readString() throws(JSONReadError) -> String {
        // Fast path: no escapes and valid UTF-8, decoded in one step.
        var end = index + 1
        var ascii = true
        while end < bytes.count {
            let b = bytes[end]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
            if b >= 0x80 { ascii = false }
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let start = index + 1
            let text = bytes.withUnsafeBufferPointer { buffer -> String? in
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
                return ascii ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
            }
            if let text {
                index = end + 1
                return text
            }
        }
        return try readStringSlowly()
    }

    /// Strings with escapes, or whose UTF-8 the fast path refused: runs between escapes are copied as bytes
    /// and the result validated once; only when that fails is the string decoded again, scalar by scalar,
    /// to report the offending byte's position.
    @usableFromInline
    mutating func readStringSlowly() throws(JSONReadError) -> String {
        let start = index
        index += 1
        var utf8: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated string", at: start) }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                utf8.append(contentsOf: bytes[runStart..<index])
                index += 1
                break
            }
            if b == UInt8(ascii: "\\") {
                utf8.append(contentsOf: bytes[runStart..<index])
                let scalar = try readEscape()
                UTF8.encode(scalar) { utf8.append($0) }
                runStart = index
                continue
            }
            if b < 0x20 {
                throw error(.invalidString, "control character 0x\(String(b, radix: 16, uppercase: true)) in string must be escaped")
            }
            index += 1
        }
        if let text = String(validating: utf8, as: UTF8.self) { return text }
        // Invalid UTF-8 somewhere: walk the string again to name the byte.
        let end = index
        index = start + 1
        while index < end - 1 {
            if bytes[index] == UInt8(ascii: "\\") {
                _ = try readEscape()
            } else if bytes[index] < 0x80 {
                index += 1
            } else {
                _ = try decodeUTF8()
            }
        }
        throw error(.invalidUTF8, "invalid UTF-8 in string", at: start)
    }

    @usableFromInline
    mutating func decodeUTF8() throws(JSONReadError) -> Unicode.Scalar {
        let b0 = bytes[index]
        let length: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07)
        default: throw error(.invalidUTF8, "invalid UTF-8 lead byte 0x\(String(b0, radix: 16, uppercase: true))")
        }
        guard index + length <= bytes.count else { throw error(.invalidUTF8, "truncated UTF-8 sequence") }
        for k in 1..<length {
            let b = bytes[index + k]
            guard b & 0xC0 == 0x80 else { throw error(.invalidUTF8, "invalid UTF-8 continuation byte") }
            value = (value << 6) | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
        guard value >= minimum, let scalar = Unicode.Scalar(value) else {
            throw error(.invalidUTF8, "overlong or invalid UTF-8 sequence")
        }
        index += length
        return scalar
    }

    /// One escape sequence. Lone surrogates (`\ud800` not followed by a low surrogate, or a low surrogate
    /// alone) are refused: a Swift string cannot hold them, and replacing them would change the data.
    @usableFromInline
    mutating func readEscape() throws(JSONReadError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated escape", at: start) }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try readHex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(high) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(.invalidString, "unpaired high surrogate \\u\(String(high, radix: 16, uppercase: true))", at: start)
                }
                let lowStart = index
                index += 2
                let low = try readHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error(.invalidString, "high surrogate not followed by a low surrogate", at: lowStart)
                }
                let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(combined) else {
                    throw error(.invalidString, "invalid surrogate pair", at: start)
                }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else {
                throw error(.invalidString, "unpaired low surrogate \\u\(String(high, radix: 16, uppercase: true))", at: start)
            }
            return scalar
        default:
            throw error(.invalidString, "invalid escape '\\\(Character(Unicode.Scalar(c)))'", at: start)
        }
    }

    @usableFromInline
    mutating func readHex4(escapeStart: Int) throws(JSONReadError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error(.unexpectedEnd, "truncated \\u escape", at: escapeStart) }
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error(.invalidString, "invalid hex digit in \\u escape", at: escapeStart)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
