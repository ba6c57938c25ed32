import Catalog
import Foundation

/// `datetime_*`: dates, times and time zones from the system tz database (through Foundation).
enum DateTimeBuiltins {
    static let functions: [String: BuiltinFunction] = [
        "datetime_now": now, "datetime_parse": parse, "datetime_format": format, "datetime_add": add,
        "datetime_difference": difference, "datetime_convert_timezone": convertTimeZone,
    ]

    private static func zone(_ a: BuiltinArguments, _ key: String = "timezone") throws(ToolError) -> TimeZone {
        try DateTimeParsing.timeZone(try a.string(key, default: "UTC"), key: key)
    }

    static func now(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let z = try zone(a)
        return DateTimeParsing.describe(try DateTimeParsing.checked(context.now(), key: nil), z)
    }

    static func parse(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let z = try zone(a)
        let pattern = try a.optionalString("format")
        return DateTimeParsing.describe(try DateTimeParsing.date(a, "text", zone: z, pattern: pattern), z)
    }

    static let presets: [String: String] = ["rfc2822": "EEE, dd MMM yyyy HH:mm:ss Z", "date": "yyyy-MM-dd", "time": "HH:mm:ss"]

    static func format(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let z = try zone(a)
        let date = try DateTimeParsing.date(a, "datetime", zone: z)
        let pattern = try a.string("format")
        guard !pattern.isEmpty else { throw ToolError.invalid("format", "must not be empty") }
        switch pattern {
        case "iso8601": return .string(DateTimeParsing.isoText(date, z))
        case "unix": return .string(String(Int64(date.timeIntervalSince1970.rounded(.down))))
        default: return .string(DateTimeParsing.formatter(presets[pattern] ?? pattern, z).string(from: date))
        }
    }

    static let addUnits: [(key: String, component: Calendar.Component)] = [
        ("years", .year), ("months", .month), ("weeks", .weekOfYear), ("days", .day), ("hours", .hour), ("minutes", .minute),
        ("seconds", .second),
    ]

    static func add(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let z = try zone(a)
        var date = try DateTimeParsing.date(a, "datetime", zone: z)
        let calendar = DateTimeParsing.calendar(z)
        for (key, component) in addUnits {
            let amount = try a.int(key, default: 0, in: -1_000_000...1_000_000)
            guard amount != 0 else { continue }
            // Seconds, minutes and hours are exact durations; calendar units follow the calendar in `z`.
            if component == .second || component == .minute || component == .hour {
                let unit: Double = component == .second ? 1 : (component == .minute ? 60 : 3600)
                date = date.addingTimeInterval(Double(amount) * unit)
            } else {
                let days = component == .weekOfYear
                guard let next = calendar.date(byAdding: days ? .day : component, value: days ? amount * 7 : amount, to: date) else {
                    throw ToolError(.outOfRange, path: JSONPath.root.appending(key), "the resulting date-time is out of range")
                }
                date = next
            }
            date = try DateTimeParsing.checked(date, key: key)
        }
        return DateTimeParsing.describe(date, z)
    }

    static let durationUnits: [String: Double] = ["seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604_800]

    static func difference(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let z = try zone(a)
        let start = try DateTimeParsing.date(a, "start", zone: z)
        let end = try DateTimeParsing.date(a, "end", zone: z)
        let unit = try a.choice("unit", default: "days", in: ["seconds", "minutes", "hours", "days", "weeks", "months", "years"])
        if let seconds = durationUnits[unit] {
            return .double(end.timeIntervalSince(start) / seconds)
        }
        let component: Calendar.Component = unit == "months" ? .month : .year
        let value = DateTimeParsing.calendar(z).dateComponents([component], from: start, to: end).value(for: component) ?? 0
        return .int(value)
    }

    static func convertTimeZone(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let from = try zone(a, "from_timezone")
        let to = try DateTimeParsing.timeZone(try a.string("to_timezone"), key: "to_timezone")
        return DateTimeParsing.describe(try DateTimeParsing.date(a, "datetime", zone: from), to)
    }
}
