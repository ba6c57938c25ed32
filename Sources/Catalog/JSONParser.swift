/// A strict JSON (RFC 8259) parser that keeps object key order, exact integers, and reports errors
/// with line and column. Duplicate keys are an error.
public struct JSONParser {
    /// Limits on the input. Every limit fails with an error naming it and the amount.
    public struct Limits: Sendable {
        /// Maximum nesting of arrays and objects.
        public var maxDepth: Int = 256
        /// Maximum input size in bytes.
        public var maxBytes: Int = 16 << 20
        public init(maxDepth: Int = 256, maxBytes: Int = 16 << 20) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
        }
    }

    private let bytes: [UInt8]
    private let limits: Limits
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    private init(bytes: [UInt8], limits: Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses one JSON document from `text`.
    public static func parse(_ text: String, limits: Limits = Limits()) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8), limits: limits)
    }

    /// Parses one JSON document from UTF-8 `bytes` (a leading byte-order mark is skipped).
    public static func parse(bytes: [UInt8], limits: Limits = Limits()) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, limits: limits)
        if bytes.count > limits.maxBytes {
            throw parser.error(.tooLarge, "input of \(bytes.count) bytes exceeds the limit maxBytes=\(limits.maxBytes)")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            parser.index = 3
            parser.lineStart = 3
        }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error(.unexpectedCharacter, "unexpected \(parser.describeCurrent()) after the JSON value")
        }
        return value
    }

    // MARK: - Positions and errors

    private func column(at offset: Int) -> Int {
        var column = 1
        var i = lineStart
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    private func error(_ code: JSONParseError.Code, _ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(code: code, line: line, column: column(at: offset ?? index), message: message)
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error(.unexpectedEnd, "expected a value, found end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error(.unexpectedCharacter, "expected a value, found \(describeCurrent())")
        }
    }

    private mutating func expectWord(_ word: String) throws(JSONParseError) {
        let start = index
        for b in word.utf8 {
            guard index < bytes.count, bytes[index] == b else {
                throw error(.unexpectedCharacter, "expected '\(word)'", at: start)
            }
            index += 1
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > limits.maxDepth {
            throw error(.tooDeep, "nesting deeper than the limit maxDepth=\(limits.maxDepth)")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated object") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error(.unexpectedCharacter, "expected a string key, found \(describeCurrent())")
            }
            let keyStart = index
            let keyLine = line
            let key = try parseString()
            if object.count > 0 && object[key] != nil {
                throw JSONParseError(
                    code: .duplicateKey, line: keyLine, column: column(at: keyStart), message: "duplicate key \"\(key)\"")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(index < bytes.count ? .unexpectedCharacter : .unexpectedEnd,
                            "expected ':' after key, found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            object.appendNew(key, try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(object)
            }
            throw error(.unexpectedCharacter, "expected ',' or '}' in object, found \(describeCurrent())")
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(items)
            }
            throw error(.unexpectedCharacter, "expected ',' or ']' in array, found \(describeCurrent())")
        }
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error(.invalidNumber, "expected a digit in number", at: index)
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error(.invalidNumber, "leading zeros are not allowed", at: start)
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(.invalidNumber, "expected a digit after '.'", at: index)
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(.invalidNumber, "expected a digit in exponent", at: index)
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw error(.invalidNumber, "number \(text) is out of range", at: start)
        }
        if isInteger, let int = Int64(text) {
            return JSONNumber(double: double, int: int)
        }
        return JSONNumber(double)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    // MARK: - Strings

    private mutating func parseString() throws(JSONParseError) -> String {
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
            let text = bytes.withUnsafeBufferPointer { buffer -> String? in
                let slice = UnsafeBufferPointer(rebasing: buffer[(index + 1)..<end])
                return ascii ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
            }
            if let text {
                index = end + 1
                return text
            }
        }
        return try parseStringSlowly()
    }

    private mutating func parseStringSlowly() throws(JSONParseError) -> String {
        let start = index
        index += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated string", at: start) }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(scalars)
            }
            if b == UInt8(ascii: "\\") {
                scalars.append(try parseEscape())
                continue
            }
            if b < 0x20 {
                throw error(.invalidString, "control character 0x\(String(b, radix: 16, uppercase: true)) in string must be escaped")
            }
            if b < 0x80 {
                scalars.append(Unicode.Scalar(b))
                index += 1
                continue
            }
            scalars.append(try decodeUTF8())
        }
    }

    private mutating func decodeUTF8() throws(JSONParseError) -> Unicode.Scalar {
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

    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
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
            let high = try parseHex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(high) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(.invalidString, "unpaired high surrogate \\u\(String(high, radix: 16, uppercase: true))", at: start)
                }
                let lowStart = index
                index += 2
                let low = try parseHex4(escapeStart: lowStart)
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

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
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
