/// Finds the position of the first syntax error in a JSON text (RFC 8259).
///
/// Foundation's decoder reports malformed input without a reliable position, so when decoding fails
/// the body is scanned once more by this checker to name line, column and offset. Nesting is
/// tracked with an explicit stack bounded by `maxDepth`, so hostile input cannot exhaust the stack.
public struct JSONSyntaxChecker: Sendable {
    public var maxDepth: Int

    public init(maxDepth: Int = 512) {
        self.maxDepth = maxDepth
    }

    /// Returns nil when `bytes` is one well-formed JSON value (surrounded by optional whitespace).
    public func firstError(in bytes: some Collection<UInt8>) -> JSONSyntaxError? {
        var scanner = Scanner(bytes: Array(bytes), maxDepth: maxDepth)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        enum Container { case object, array }

        mutating func run() -> JSONSyntaxError? {
            var stack: [Container] = []
            skipWhitespace()
            if let error = value(&stack) { return error }
            while let container = stack.last {
                skipWhitespace()
                guard index < bytes.count else { return error("unexpected end of input inside \(container == .object ? "an object" : "an array")") }
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    if container == .object, let error = memberKey() { return error }
                    if let error = value(&stack) { return error }
                } else if (container == .object && byte == UInt8(ascii: "}")) || (container == .array && byte == UInt8(ascii: "]")) {
                    index += 1
                    stack.removeLast()
                } else {
                    return error("expected ',' or '\(container == .object ? "}" : "]")', found \(describe(byte))")
                }
            }
            skipWhitespace()
            if index < bytes.count { return error("unexpected \(describe(bytes[index])) after the JSON value") }
            return nil
        }

        /// Parses one value; containers are opened on `stack` (their first member is parsed too).
        mutating func value(_ stack: inout [Container]) -> JSONSyntaxError? {
            skipWhitespace()
            guard index < bytes.count else { return error("unexpected end of input, expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                guard stack.count < maxDepth else { return error("nesting deeper than \(maxDepth) levels") }
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return nil
                }
                stack.append(.object)
                if let error = memberKey() { return error }
                return value(&stack)
            case UInt8(ascii: "["):
                guard stack.count < maxDepth else { return error("nesting deeper than \(maxDepth) levels") }
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return nil
                }
                stack.append(.array)
                return value(&stack)
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "t"):
                return literal("true")
            case UInt8(ascii: "f"):
                return literal("false")
            case UInt8(ascii: "n"):
                return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return number()
            default:
                return error("unexpected \(describe(bytes[index])), expected a value")
            }
        }

        mutating func memberKey() -> JSONSyntaxError? {
            skipWhitespace()
            guard index < bytes.count else { return error("unexpected end of input, expected an object key") }
            guard bytes[index] == UInt8(ascii: "\"") else { return error("expected a string key, found \(describe(bytes[index]))") }
            if let error = string() { return error }
            skipWhitespace()
            guard index < bytes.count else { return error("unexpected end of input, expected ':'") }
            guard bytes[index] == UInt8(ascii: ":") else { return error("expected ':' after the object key, found \(describe(bytes[index]))") }
            index += 1
            return nil
        }

        mutating func string() -> JSONSyntaxError? {
            index += 1  // opening quote
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return nil
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { return error("unterminated string") }
                    switch bytes[index] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        index += 1
                        for _ in 0..<4 {
                            guard index < bytes.count, isHexDigit(bytes[index]) else { return error("invalid \\u escape, expected 4 hex digits") }
                            index += 1
                        }
                    default:
                        return error("invalid escape \\\(describeRaw(bytes[index])) in string")
                    }
                case 0..<0x20:
                    return error("control character \(describe(byte)) in string must be escaped")
                default:
                    index += 1
                }
            }
            return error("unterminated string")
        }

        mutating func number() -> JSONSyntaxError? {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { return error("expected a digit in number") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { return error("leading zeros are not allowed in numbers") }
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { return error("expected a digit after the decimal point") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { return error("expected a digit in the exponent") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            return nil
        }

        mutating func literal(_ word: String) -> JSONSyntaxError? {
            for expected in word.utf8 {
                guard index < bytes.count, bytes[index] == expected else {
                    return error("invalid literal, expected '\(word)'")
                }
                index += 1
            }
            return nil
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
                default: return
                }
            }
        }

        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        func isHexDigit(_ b: UInt8) -> Bool {
            isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
        }

        func describe(_ byte: UInt8) -> String {
            if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        func describeRaw(_ byte: UInt8) -> String {
            byte >= 0x21 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "0x\(String(byte, radix: 16))"
        }

        /// An error at the current index, with line and column counted in Unicode scalars... of UTF-8 lead bytes.
        func error(_ reason: String) -> JSONSyntaxError {
            var line = 1
            var column = 1
            var position = 0
            let end = min(index, bytes.count)
            while position < end {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                position += 1
            }
            return JSONSyntaxError(offset: index, line: line, column: column, reason: reason)
        }
    }
}
