/// A strict JSON (RFC 8259) reader over UTF-8 bytes that builds values through a `JSONBuilder`, tracks
/// line and column for errors, and bounds nesting and input size. Recursive descent; the depth limit
/// keeps the stack bounded on hostile input, and no input reaches a trap.
public struct JSONReader<Builder: JSONBuilder> {
    /// Limits on the input. Every limit fails with an error naming it and the amount.
    public struct Limits: Sendable {
        /// Maximum nesting of arrays and objects.
        public var maxDepth: Int
        /// Maximum input size in bytes.
        public var maxBytes: Int
        /// Skip a leading UTF-8 byte-order mark (files written by some editors start with one).
        public var skipsByteOrderMark: Bool

        public init(maxDepth: Int = 256, maxBytes: Int = Int.max, skipsByteOrderMark: Bool = false) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
            self.skipsByteOrderMark = skipsByteOrderMark
        }
    }

    @usableFromInline let bytes: [UInt8]
    @usableFromInline let limits: Limits
    @usableFromInline var builder: Builder
    @usableFromInline var index = 0
    @usableFromInline var line = 1
    @usableFromInline var lineStart = 0
    @usableFromInline var depth = 0

    @inlinable
    init(bytes: [UInt8], limits: Limits, builder: Builder) {
        self.bytes = bytes
        self.limits = limits
        self.builder = builder
    }

    /// Reads one JSON document (optional whitespace around one value) from UTF-8 `bytes`.
    @inlinable
    public static func read(_ bytes: [UInt8], limits: Limits = Limits(), builder: Builder) throws(JSONReadError) -> Builder.Value {
        var reader = JSONReader(bytes: bytes, limits: limits, builder: builder)
        if bytes.count > limits.maxBytes {
            throw reader.error(.tooLarge, "input of \(bytes.count) bytes exceeds the limit maxBytes=\(limits.maxBytes)")
        }
        if limits.skipsByteOrderMark, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            reader.index = 3
            reader.lineStart = 3
        }
        reader.skipWhitespace()
        let value = try reader.readValue()
        reader.skipWhitespace()
        if reader.index < bytes.count {
            throw reader.error(.unexpectedCharacter, "unexpected \(reader.describeCurrent()) after the JSON value")
        }
        return value
    }

    // MARK: - Positions and errors

    @usableFromInline
    func column(at offset: Int) -> Int {
        var column = 1
        var i = lineStart
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    @usableFromInline
    func error(_ code: JSONReadError.Code, _ message: String, at offset: Int? = nil) -> JSONReadError {
        let offset = offset ?? index
        return JSONReadError(code: code, line: line, column: column(at: offset), offset: offset, message: message)
    }

    @usableFromInline
    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    @inlinable
    mutating func skipWhitespace() {
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

    @inlinable
    mutating func readValue() throws(JSONReadError) -> Builder.Value {
        guard index < bytes.count else { throw error(.unexpectedEnd, "expected a value, found end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return builder.string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); return builder.bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return builder.bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return builder.null()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw error(.unexpectedCharacter, "expected a value, found \(describeCurrent())")
        }
    }

    @inlinable
    mutating func expectWord(_ word: StaticString) throws(JSONReadError) {
        let start = index
        let ok = word.withUTF8Buffer { utf8 -> Bool in
            for b in utf8 {
                guard index < bytes.count, bytes[index] == b else { return false }
                index += 1
            }
            return true
        }
        if !ok { throw error(.unexpectedCharacter, "expected '\(word)'", at: start) }
    }

    @inlinable
    mutating func enter() throws(JSONReadError) {
        depth += 1
        if depth > limits.maxDepth {
            throw error(.tooDeep, "nesting deeper than the limit maxDepth=\(limits.maxDepth)")
        }
    }

    @inlinable
    mutating func readObject() throws(JSONReadError) -> Builder.Value {
        try enter()
        index += 1
        var object = builder.beginObject()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return builder.object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated object") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error(.unexpectedCharacter, "expected a string key, found \(describeCurrent())")
            }
            let keyStart = index
            let keyLine = line
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(index < bytes.count ? .unexpectedCharacter : .unexpectedEnd, "expected ':' after key, found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            let value = try readValue()
            guard builder.add(key: key, value: value, to: &object) else {
                throw JSONReadError(
                    code: .duplicateKey, line: keyLine, column: column(at: keyStart), offset: keyStart, message: "duplicate key \"\(key)\"")
            }
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return builder.object(object)
            }
            throw error(.unexpectedCharacter, "expected ',' or '}' in object, found \(describeCurrent())")
        }
    }

    @inlinable
    mutating func readArray() throws(JSONReadError) -> Builder.Value {
        try enter()
        index += 1
        var items: [Builder.Value] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return builder.array(items)
        }
        while true {
            skipWhitespace()
            items.append(try readValue())
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unterminated array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return builder.array(items)
            }
            throw error(.unexpectedCharacter, "expected ',' or ']' in array, found \(describeCurrent())")
        }
    }

    // MARK: - Numbers

    @inlinable
    mutating func readNumber() throws(JSONReadError) -> Builder.Value {
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
        guard let value = builder.number(JSONNumberToken(text: text[...], isInteger: isInteger)) else {
            throw error(.invalidNumber, "number \(text) is out of range", at: start)
        }
        return value
    }

    @inlinable
    func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
