// Type conversions: int(), uint(), double(), string(), with CEL's range rules. Never traps.

enum Conversions {
    static func toInt(_ v: Value, _ n: Node) -> Value {
        switch v {
        case .int: return v
        case .uint(let u):
            guard u <= UInt64(Int64.max) else { return n.fail(.range, "range error: \(u)u does not fit in int") }
            return .int(Int64(u))
        case .double(let d):
            // valid only strictly inside (-2^63, 2^63)
            guard d > -9.223372036854775808e18 && d < 9.223372036854775808e18 else {
                return n.fail(.range, "range error: \(Printer.double(d)) does not fit in int")
            }
            return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
            guard let i = Int64(s) else { return n.fail(.conversion, "cannot convert '\(s)' to int") }
            return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        default: return n.fail(.noSuchOverload, "no such overload: int(\(v.type.rawValue))")
        }
    }

    static func toUint(_ v: Value, _ n: Node) -> Value {
        switch v {
        case .uint: return v
        case .int(let i):
            guard i >= 0 else { return n.fail(.range, "range error: \(i) does not fit in uint") }
            return .uint(UInt64(i))
        case .double(let d):
            guard d > -1 && d < 1.8446744073709551616e19 else {
                return n.fail(.range, "range error: \(Printer.double(d)) does not fit in uint")
            }
            return .uint(UInt64(d.rounded(.towardZero)))
        case .string(let s):
            guard let u = UInt64(s) else { return n.fail(.conversion, "cannot convert '\(s)' to uint") }
            return .uint(u)
        case .bool(let b): return .uint(b ? 1 : 0)
        default: return n.fail(.noSuchOverload, "no such overload: uint(\(v.type.rawValue))")
        }
    }

    static func toDouble(_ v: Value, _ n: Node) -> Value {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = Double(s) else { return n.fail(.conversion, "cannot convert '\(s)' to double") }
            return .double(d)
        default: return n.fail(.noSuchOverload, "no such overload: double(\(v.type.rawValue))")
        }
    }

    static func toString(_ v: Value, _ n: Node) -> Value {
        switch v {
        case .string: return v
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(Printer.double(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { return n.fail(.conversion, "invalid UTF-8 in bytes") }
            return .string(s)
        case .type(let t): return .string(t.rawValue)
        default: return n.fail(.noSuchOverload, "no such overload: string(\(v.type.rawValue))")
        }
    }
}

/// Text forms of values for messages and `string(double)`.
enum Printer {
    /// Formats a double like Go's `strconv.FormatFloat(d, 'g', -1, 64)` (cel-go's `string(double)`):
    /// shortest round-trip digits, exponent form when the exponent is < -4 or >= 21.
    static func double(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        // Swift's description gives shortest round-trip digits, e.g. "1.5e-05", "123.456", "1e+21".
        var text = Swift.abs(d).description
        var exp10 = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp10 = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var digits = ""
        var pointPos = text.count
        if let dot = text.firstIndex(of: ".") {
            pointPos = text.distance(from: text.startIndex, to: dot)
            digits = text.replacingDot()
        } else {
            digits = text
        }
        // strip leading zeros
        var lead = 0
        for ch in digits { if ch == "0" { lead += 1 } else { break } }
        digits.removeFirst(lead)
        pointPos -= lead
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.isEmpty { return d.sign == .minus ? "-0" : "0" }
        // value = 0.DIGITS * 10^(pointPos + exp10)
        let dp = pointPos + exp10
        let x = dp - 1
        var out = d.sign == .minus ? "-" : ""
        if x < -4 || x >= 21 {
            out += String(digits.prefix(1))
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += x < 0 ? "e-" : "e+"
            let ax = Swift.abs(x)
            out += ax < 10 ? "0\(ax)" : "\(ax)"
            return out
        }
        if dp <= 0 {
            out += "0." + String(repeating: "0", count: -dp) + digits
        } else if dp >= digits.count {
            out += digits + String(repeating: "0", count: dp - digits.count)
        } else {
            out += digits.prefix(dp) + "." + digits.dropFirst(dp)
        }
        return out
    }

    static func literal(_ v: Value) -> String {
        switch v {
        case .string(let s): return "'\(s)'"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return double(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        default: return v.type.rawValue
        }
    }
}

extension String {
    fileprivate func replacingDot() -> String { String(self.filter { $0 != "." }) }
}

extension Value {
    /// The value as a plan-language literal (`'text'`, `3u`, `2.5`, `[1, 2]`...), as error messages print it.
    public var literalText: String { Printer.literal(self) }
}
