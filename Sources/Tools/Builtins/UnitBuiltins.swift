import Catalog
import Foundation

/// `convert_*`: unit conversion through a base unit per quantity. Results are rounded to 15
/// significant digits so that binary noise (0.30000000000000004) does not show.
enum UnitBuiltins {
    static let functions: [String: BuiltinFunction] = [
        "convert_length": table(length), "convert_mass": table(mass), "convert_volume": table(volume),
        "convert_speed": table(speed), "convert_data_size": table(dataSize), "convert_temperature": temperature,
    ]

    /// Metres per unit.
    static let length: [String: Double] = [
        "mm": 0.001, "cm": 0.01, "m": 1, "km": 1000, "in": 0.0254, "ft": 0.3048, "yd": 0.9144, "mi": 1609.344, "nmi": 1852,
    ]
    /// Kilograms per unit.
    static let mass: [String: Double] = [
        "mg": 1e-6, "g": 0.001, "kg": 1, "t": 1000, "oz": 0.028349523125, "lb": 0.45359237, "st": 6.35029318,
    ]
    /// Litres per unit (US customary unless imp_).
    static let volume: [String: Double] = [
        "ml": 0.001, "l": 1, "m3": 1000, "tsp": 0.00492892159375, "tbsp": 0.01478676478125, "fl_oz": 0.0295735295625,
        "cup": 0.2365882365, "pint": 0.473176473, "quart": 0.946352946, "gallon": 3.785411784, "imp_gallon": 4.54609,
    ]
    /// Metres per second per unit.
    static let speed: [String: Double] = ["m_s": 1, "km_h": 1 / 3.6, "mph": 0.44704, "knot": 1852.0 / 3600.0, "ft_s": 0.3048]
    /// Bytes per unit.
    static let dataSize: [String: Double] = [
        "bit": 0.125, "kbit": 125, "Mbit": 125_000, "Gbit": 125_000_000, "B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
        "PB": 1e15, "KiB": 1024, "MiB": 1_048_576, "GiB": 1_073_741_824, "TiB": 1_099_511_627_776, "PiB": 1_125_899_906_842_624,
    ]

    static func unit(_ a: BuiltinArguments, _ key: String, _ factors: [String: Double]) throws(ToolError) -> (String, Double) {
        let name = try a.string(key)
        guard let factor = factors[name] else {
            throw ToolError.invalid(key, "unknown unit \"\(name)\" (expected one of \(factors.keys.sorted().joined(separator: ", ")))")
        }
        return (name, factor)
    }

    /// 15 significant digits (exact integers below 2^53 are kept), as a finite JSON number.
    static func cleaned(_ value: Double) throws(ToolError) -> JSONValue {
        guard value.isFinite else { return try MathBuiltins.finite(value) }
        if value.rounded(.towardZero) == value && abs(value) < 9.007199254740992e15 { return .double(value) }
        let rounded = Double(String(format: "%.15g", value)) ?? value
        return try MathBuiltins.finite(rounded)
    }

    static func table(_ factors: [String: Double]) -> BuiltinFunction {
        { (a: BuiltinArguments, _: BuiltinContext) throws(ToolError) -> JSONValue in
            let value = try a.double("value")
            let (_, from) = try unit(a, "from", factors)
            let (_, to) = try unit(a, "to", factors)
            return try cleaned(value * (from / to))
        }
    }

    static func temperature(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let value = try a.double("value")
        let scales = ["celsius", "fahrenheit", "kelvin"]
        let from = try a.choice("from", in: scales)
        let to = try a.choice("to", in: scales)
        let kelvin: Double = switch from {
        case "celsius": value + 273.15
        case "fahrenheit": (value - 32) * 5 / 9 + 273.15
        default: value
        }
        guard kelvin >= -1e-9 else {
            throw ToolError(.outOfRange, path: JSONPath.root.appending("value"), "\(JSONNumber(value)) \(from) is below absolute zero")
        }
        let result: Double = switch to {
        case "celsius": kelvin - 273.15
        case "fahrenheit": (kelvin - 273.15) * 9 / 5 + 32
        default: kelvin
        }
        return try cleaned(result)
    }
}
