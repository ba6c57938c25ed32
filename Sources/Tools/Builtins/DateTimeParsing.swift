import Catalog
import Foundation

/// Reading date-times and time zones from arguments, and describing a date-time as JSON.
enum DateTimeParsing {
    /// Unix seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: dates outside are refused.
    static let earliest: TimeInterval = -62_135_596_800
    static let latest: TimeInterval = 253_402_300_799

    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Formats tried, in order, when text is not ISO 8601 and no pattern is given.
    static let fallbackFormats = [
        "EEE, dd MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm:ss zzz",
        "EEEE, MMMM d, yyyy", "MMMM d, yyyy h:mm a", "MMM d, yyyy h:mm a", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy",
        "d MMM yyyy", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/MM/dd",
    ]

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }

    static func formatter(_ pattern: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = calendar(zone)
        formatter.timeZone = zone
        formatter.isLenient = false
        formatter.dateFormat = pattern
        return formatter
    }

    /// An IANA zone (`Europe/Paris`), `UTC`/`Z`/`GMT`, or a fixed offset (`+05:30`, `UTC-3`, `GMT+01:00`).
    static func timeZone(_ name: String, key: String) throws(ToolError) -> TimeZone {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        // Only names made of the characters IANA uses reach Foundation (no paths such as ../../x).
        let allowed = trimmed.utf8.allSatisfy { b in
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2F || b == 0x5F || b == 0x2D || b == 0x2B || b == 0x3A
        }
        guard allowed, !trimmed.contains(".."), !trimmed.hasPrefix("/"), trimmed.utf8.count <= 64 else {
            throw ToolError.invalid(key, "unknown time zone \"\(name)\" (use an IANA name such as Europe/Paris, or an offset such as +05:30)")
        }
        if ["utc", "z", "gmt"].contains(trimmed.lowercased()), let utc = TimeZone(identifier: "UTC") { return utc }
        if trimmed.contains("/"), let zone = TimeZone(identifier: trimmed) { return zone }
        var offsetText = Substring(trimmed)
        for prefix in ["UTC", "GMT", "utc", "gmt"] where offsetText.hasPrefix(prefix) { offsetText = offsetText.dropFirst(prefix.count) }
        if let seconds = offsetSeconds(offsetText), let zone = TimeZone(secondsFromGMT: seconds) { return zone }
        if !trimmed.isEmpty, let zone = TimeZone(identifier: trimmed) { return zone }
        throw ToolError.invalid(key, "unknown time zone \"\(name)\" (use an IANA name such as Europe/Paris, or an offset such as +05:30)")
    }

    /// `+05:30`, `-0300`, `+2` → seconds east of UTC; nil when not an offset.
    static func offsetSeconds(_ text: Substring) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let hours: Int?
        let minutes: Int?
        if digits.count <= 2 {
            hours = Int(digits)
            minutes = 0
        } else {
            hours = Int(digits.prefix(digits.count - 2))
            minutes = Int(digits.suffix(2))
        }
        guard let h = hours, let m = minutes, h <= 18, m < 60 else { return nil }
        let total = h * 3600 + m * 60
        return sign == "-" ? -total : total
    }

    /// A date-time argument: Unix seconds (number) or text (ISO 8601, RFC 2822, common formats, or `pattern`).
    static func date(_ a: BuiltinArguments, _ key: String, zone: TimeZone, pattern: String? = nil) throws(ToolError) -> Date {
        guard let value = a.value(key) else { throw ToolError.invalid(key, "required argument missing") }
        switch value {
        case .number(let n):
            return try checked(Date(timeIntervalSince1970: n.double), key: key)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let pattern {
                guard let date = formatter(pattern, zone).date(from: trimmed) else {
                    throw ToolError.invalid(key, "\"\(text)\" does not match the format \"\(pattern)\"")
                }
                return try checked(date, key: key)
            }
            if let date = try iso8601(trimmed, zone: zone, key: key) { return try checked(date, key: key) }
            for format in fallbackFormats {
                if let date = formatter(format, zone).date(from: trimmed) { return try checked(date, key: key) }
            }
            throw ToolError.invalid(key, "cannot read \"\(text)\" as a date-time (use ISO 8601 such as 2024-03-10T14:30:00Z, or give a format)")
        default:
            throw ToolError.invalid(key, "expected a date-time string or Unix seconds, found \(value.typeName)")
        }
    }

    static func checked(_ date: Date, key: String?) throws(ToolError) -> Date {
        let t = date.timeIntervalSince1970
        guard t.isFinite, t >= earliest, t <= latest else {
            throw ToolError(.outOfRange, path: key.map { JSONPath.root.appending($0) }, "date-time outside the years 1 to 9999")
        }
        return date
    }

    /// ISO 8601: `YYYY-MM-DD`, optionally `T` or a space, `HH:MM[:SS[.fraction]]`, optionally `Z` or `±HH[:MM]`.
    /// Nil when the text does not have this shape; an error when it does but a field is out of range.
    static func iso8601(_ text: String, zone: TimeZone, key: String) throws(ToolError) -> Date? {
        let s = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var v = 0
            for k in 0..<count {
                let c = s[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += count
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var zoneUsed = zone
        if i < s.count {
            guard s[i] == 84 || s[i] == 116 || s[i] == 32 else { return nil }
            i += 1
            guard let h = digits(2), expect(58), let m = digits(2) else { return nil }
            hour = h
            minute = m
            if expect(58) {
                guard let sec = digits(2) else { return nil }
                second = sec
                if i < s.count, s[i] == 46 || s[i] == 44 {
                    i += 1
                    let start = i
                    var scale = 0.1
                    while i < s.count, s[i] >= 48, s[i] <= 57 {
                        fraction += Double(s[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                    if i == start { return nil }
                }
            }
            if i < s.count {
                if s[i] == 90 || s[i] == 122 {
                    i += 1
                    zoneUsed = TimeZone(secondsFromGMT: 0) ?? zone
                } else {
                    let rest = Substring(String(decoding: s[i...], as: UTF8.self))
                    guard let offset = offsetSeconds(rest), let fixed = TimeZone(secondsFromGMT: offset) else { return nil }
                    zoneUsed = fixed
                    i = s.count
                }
            }
            guard i == s.count else { return nil }
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60, year >= 1 else {
            throw ToolError(.outOfRange, path: JSONPath.root.appending(key), "\"\(text)\" has a field out of range")
        }
        let cal = calendar(zoneUsed)
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = cal.date(from: components) else {
            throw ToolError(.outOfRange, path: JSONPath.root.appending(key), "\"\(text)\" is not a valid date")
        }
        let back = cal.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else {
            throw ToolError(.outOfRange, path: JSONPath.root.appending(key), "\"\(text)\" is not a valid date (no such day)")
        }
        return date.addingTimeInterval(fraction)
    }

    /// `+01:00`, or `Z` when `z` and the offset is zero.
    static func offsetText(_ seconds: Int, z: Bool) -> String {
        if seconds == 0 && z { return "Z" }
        let sign = seconds < 0 ? "-" : "+"
        let m = abs(seconds) / 60
        return sign + pad(m / 60, 2) + ":" + pad(m % 60, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// ISO 8601 text of `date` in `zone`, with milliseconds when there are any.
    static func isoText(_ date: Date, _ zone: TimeZone) -> String {
        let t = date.timeIntervalSince1970
        let whole = t.rounded(.down)
        let millis = Int(((t - whole) * 1000).rounded(.down))
        let base = Date(timeIntervalSince1970: whole)
        let c = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute, .second], from: base)
        var text = pad(c.year ?? 0, 4) + "-" + pad(c.month ?? 0, 2) + "-" + pad(c.day ?? 0, 2) + "T"
            + pad(c.hour ?? 0, 2) + ":" + pad(c.minute ?? 0, 2) + ":" + pad(c.second ?? 0, 2)
        if millis > 0 && millis < 1000 { text += "." + pad(millis, 3) }
        return text + offsetText(zone.secondsFromGMT(for: base), z: zone.identifier == "UTC" || zone.identifier == "GMT")
    }

    /// The date-time as the object the `datetime_*` tools return.
    static func describe(_ date: Date, _ zone: TimeZone) -> JSONValue {
        let t = date.timeIntervalSince1970
        let base = Date(timeIntervalSince1970: t.rounded(.down))
        let c = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: base)
        var out = JSONObject()
        out["iso"] = .string(isoText(date, zone))
        out["unix"] = .double(t)
        out["timezone"] = .string(zone.identifier)
        out["utc_offset"] = .string(offsetText(zone.secondsFromGMT(for: base), z: false))
        out["date"] = .string(pad(c.year ?? 0, 4) + "-" + pad(c.month ?? 0, 2) + "-" + pad(c.day ?? 0, 2))
        out["time"] = .string(pad(c.hour ?? 0, 2) + ":" + pad(c.minute ?? 0, 2) + ":" + pad(c.second ?? 0, 2))
        out["year"] = .int(c.year ?? 0)
        out["month"] = .int(c.month ?? 0)
        out["day"] = .int(c.day ?? 0)
        out["hour"] = .int(c.hour ?? 0)
        out["minute"] = .int(c.minute ?? 0)
        out["second"] = .int(c.second ?? 0)
        let weekday = (c.weekday ?? 1) - 1
        out["weekday"] = .string(weekdays.indices.contains(weekday) ? weekdays[weekday] : "")
        return .object(out)
    }
}
