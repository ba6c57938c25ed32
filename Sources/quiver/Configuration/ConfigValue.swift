/// A type a configuration key can hold, parsed from text (environment, flags) or JSON (the file).
protocol ConfigValue: Sendable, Equatable {
    /// For messages: "an integer", "one of json, text".
    static var typeDescription: String { get }
    static func parse(text: String) -> Self?
    static func parse(json: JSONValue) -> Self?
    /// How `quiver config` and the README show the value.
    var displayText: String { get }
    /// The value as JSON for `quiver config --json`.
    var jsonValue: JSONValue { get }
}

extension Int: ConfigValue {
    static var typeDescription: String { "an integer" }
    static func parse(text: String) -> Int? { Int(text.trimmingCharacters(in: " \t")) }
    static func parse(json: JSONValue) -> Int? {
        if case .int(let v) = json, let i = Int(exactly: v) { return i }
        if case .double(let d) = json, d.rounded() == d, let i = Int(exactly: d) { return i }
        return nil
    }
    var displayText: String { String(self) }
    var jsonValue: JSONValue { .int(Int64(self)) }
}

extension Double: ConfigValue {
    static var typeDescription: String { "a number" }
    static func parse(text: String) -> Double? {
        guard let d = Double(text.trimmingCharacters(in: " \t")), d.isFinite else { return nil }
        return d
    }
    static func parse(json: JSONValue) -> Double? {
        switch json {
        case .int(let v): return Double(v)
        case .double(let d): return d.isFinite ? d : nil
        default: return nil
        }
    }
    var displayText: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
    var jsonValue: JSONValue { .double(self) }
}

extension Bool: ConfigValue {
    static var typeDescription: String { "a boolean (true or false)" }
    static func parse(text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: return nil
        }
    }
    static func parse(json: JSONValue) -> Bool? {
        if case .bool(let b) = json { return b }
        return nil
    }
    var displayText: String { self ? "true" : "false" }
    var jsonValue: JSONValue { .bool(self) }
}

extension String: ConfigValue {
    static var typeDescription: String { "a string" }
    static func parse(text: String) -> String? { text }
    static func parse(json: JSONValue) -> String? {
        if case .string(let s) = json { return s }
        return nil
    }
    var displayText: String { self }
    var jsonValue: JSONValue { .string(self) }
}

/// Lists: a JSON array in the file, comma-separated in the environment and flags.
extension Array: ConfigValue where Element == String {
    static var typeDescription: String { "a list of strings (JSON array in the file, comma-separated elsewhere)" }
    static func parse(text: String) -> [String]? {
        text.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
    }
    static func parse(json: JSONValue) -> [String]? {
        guard case .array(let items) = json else { return nil }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { return nil }
            out.append(s)
        }
        return out
    }
    var displayText: String { joined(separator: ",") }
    var jsonValue: JSONValue { .array(map { .string($0) }) }
}

/// Optional keys: unset is `null` in the file, an empty string elsewhere.
extension Optional: ConfigValue where Wrapped: ConfigValue {
    static var typeDescription: String { Wrapped.typeDescription + " (empty or null for unset)" }
    static func parse(text: String) -> Wrapped?? {
        if text.isEmpty { return .some(.none) }
        return Wrapped.parse(text: text).map { .some($0) }
    }
    static func parse(json: JSONValue) -> Wrapped?? {
        if case .null = json { return .some(.none) }
        return Wrapped.parse(json: json).map { .some($0) }
    }
    var displayText: String { self?.displayText ?? "" }
    var jsonValue: JSONValue { self?.jsonValue ?? .null }
}

/// Enumerations: the raw value everywhere.
protocol ConfigEnum: ConfigValue, RawRepresentable<String>, CaseIterable {}

extension ConfigEnum {
    static var typeDescription: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
    static func parse(text: String) -> Self? { Self(rawValue: text.lowercased()) }
    static func parse(json: JSONValue) -> Self? {
        if case .string(let s) = json { return Self(rawValue: s) }
        return nil
    }
    var displayText: String { rawValue }
    var jsonValue: JSONValue { .string(rawValue) }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let trimSet = Set(set)
        var slice = Substring(self)
        while let first = slice.first, trimSet.contains(first) { slice.removeFirst() }
        while let last = slice.last, trimSet.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
