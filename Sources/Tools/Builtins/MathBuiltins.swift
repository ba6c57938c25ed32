import Catalog
import Foundation

/// `math_*`: arithmetic that keeps integers exact while they fit in 64 bits and otherwise uses
/// doubles; a non-finite result is an `outOfRange` error, never NaN or infinity.
enum MathBuiltins {
    static let functions: [String: BuiltinFunction] = [
        "math_add": add, "math_subtract": subtract, "math_multiply": multiply, "math_divide": divide,
        "math_modulo": modulo, "math_power": power, "math_round": round,
    ]

    /// A finite double as a JSON number (exact integer when integral), or an `outOfRange` error.
    static func finite(_ value: Double, _ what: String = "result") throws(ToolError) -> JSONValue {
        guard value.isFinite else {
            throw ToolError(.outOfRange, value.isNaN ? "\(what) is not a real number" : "\(what) is too large for a double")
        }
        return .double(value == 0 ? 0 : value)
    }

    private static func operands(_ a: BuiltinArguments) throws(ToolError) -> (JSONNumber, JSONNumber) {
        (try a.number("a"), try a.number("b"))
    }

    static func add(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let (x, y) = try operands(a)
        if let i = x.int, let j = y.int {
            let (sum, overflow) = i.addingReportingOverflow(j)
            if !overflow { return .int(sum) }
        }
        return try finite(x.double + y.double)
    }

    static func subtract(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let (x, y) = try operands(a)
        if let i = x.int, let j = y.int {
            let (difference, overflow) = i.subtractingReportingOverflow(j)
            if !overflow { return .int(difference) }
        }
        return try finite(x.double - y.double)
    }

    static func multiply(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let (x, y) = try operands(a)
        if let i = x.int, let j = y.int {
            let (product, overflow) = i.multipliedReportingOverflow(by: j)
            if !overflow { return .int(product) }
        }
        return try finite(x.double * y.double)
    }

    static func divide(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let (x, y) = try operands(a)
        guard y.double != 0 else { throw ToolError.invalid("b", "division by zero") }
        if let i = x.int, let j = y.int {
            let (remainder, overflow) = i.remainderReportingOverflow(dividingBy: j)
            if !overflow && remainder == 0 {
                let (quotient, overflowQ) = i.dividedReportingOverflow(by: j)
                if !overflowQ { return .int(quotient) }
            }
        }
        return try finite(x.double / y.double)
    }

    static func modulo(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let (x, y) = try operands(a)
        guard y.double != 0 else { throw ToolError.invalid("b", "modulo by zero") }
        if let i = x.int, let j = y.int {
            let (remainder, overflow) = i.remainderReportingOverflow(dividingBy: j)
            return .int(overflow ? 0 : remainder)
        }
        return try finite(x.double.truncatingRemainder(dividingBy: y.double))
    }

    static func power(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let base = try a.number("base")
        let exponent = try a.number("exponent")
        if let b = base.int, let e = exponent.int, e >= 0, let exact = exactPower(b, e) {
            return .int(exact)
        }
        if base.double == 0 && exponent.double < 0 {
            throw ToolError.invalid("base", "zero cannot be raised to a negative power")
        }
        return try finite(Foundation.pow(base.double, exponent.double))
    }

    /// `base^exponent` by squaring, nil on overflow.
    static func exactPower(_ base: Int64, _ exponent: Int64) -> Int64? {
        var result: Int64 = 1
        var b = base
        var e = exponent
        while e > 0 {
            if e & 1 == 1 {
                let (r, overflow) = result.multipliedReportingOverflow(by: b)
                if overflow { return nil }
                result = r
            }
            e >>= 1
            if e > 0 {
                let (sq, overflow) = b.multipliedReportingOverflow(by: b)
                if overflow { return nil }
                b = sq
            }
        }
        return result
    }

    static let roundingModes: [String: FloatingPointRoundingRule] = [
        "nearest": .toNearestOrAwayFromZero, "half_even": .toNearestOrEven, "floor": .down, "ceil": .up, "trunc": .towardZero,
    ]

    static func round(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let value = try a.number("value")
        let digits = try a.int("digits", default: 0, in: -15...15)
        let mode = try a.choice("mode", default: "nearest", in: ["nearest", "half_even", "floor", "ceil", "trunc"])
        let rule = roundingModes[mode] ?? .toNearestOrAwayFromZero
        if value.int != nil && digits >= 0 { return .number(value) }
        let scale = Foundation.pow(10.0, Double(abs(digits)))
        let x = value.double
        if digits >= 0 {
            let scaled = x * scale
            // So large that it has no fractional digits at this scale: nothing to round.
            guard scaled.isFinite, abs(scaled) < 9.007199254740992e15 else { return try finite(x) }
            return try finite(scaled.rounded(rule) / scale)
        }
        return try finite((x / scale).rounded(rule) * scale)
    }
}
