/// One configuration key: a dotted name (`rate_limit.burst`), a typed default, documentation and a
/// validation rule. The environment variable (`QUIVER_RATE_LIMIT_BURST`) and the flag
/// (`--rate-limit-burst`) are derived from the name, so each key has one name everywhere.
struct ConfigKey<Value: ConfigValue>: AnyConfigKey {
    let name: String
    let defaultValue: Value
    let help: String
    /// Secret values are shown as `<redacted>` by `quiver config` and never logged or echoed in errors.
    let secret: Bool
    /// Returns the reason a value is refused, or nil when it is fine.
    let validate: @Sendable (Value) -> String?

    init(
        _ name: String,
        default defaultValue: Value,
        help: String,
        secret: Bool = false,
        validate: @escaping @Sendable (Value) -> String? = { _ in nil }
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
        self.secret = secret
        self.validate = validate
    }

    var typeDescription: String { Value.typeDescription }
    var defaultDisplay: String { defaultValue.displayText }
    var defaultAny: any Sendable { defaultValue }

    func parse(text: String) -> Result<any Sendable, ParseFailure> {
        guard let value = Value.parse(text: text) else {
            return .failure(ParseFailure(reason: "expected \(Value.typeDescription), got \(secret ? "a value" : "'\(text.prefix(60))'")"))
        }
        return check(value)
    }

    func parse(json: JSONValue) -> Result<any Sendable, ParseFailure> {
        guard let value = Value.parse(json: json) else {
            return .failure(ParseFailure(reason: "expected \(Value.typeDescription), got \(secret ? json.kindDescription : json.preview)"))
        }
        return check(value)
    }

    private func check(_ value: Value) -> Result<any Sendable, ParseFailure> {
        if let reason = validate(value) { return .failure(ParseFailure(reason: reason)) }
        return .success(value)
    }

    func display(_ value: any Sendable) -> String {
        guard let typed = value as? Value else { return "?" }
        return secret && typed != defaultValue ? "<redacted>" : typed.displayText
    }

    func json(_ value: any Sendable) -> JSONValue {
        guard let typed = value as? Value else { return .null }
        return secret && typed != defaultValue ? .string("<redacted>") : typed.jsonValue
    }
}

struct ParseFailure: Error {
    let reason: String
}

/// The type-erased view of a key that the loader and the renderers use.
protocol AnyConfigKey: Sendable {
    var name: String { get }
    var help: String { get }
    var secret: Bool { get }
    var typeDescription: String { get }
    var defaultDisplay: String { get }
    var defaultAny: any Sendable { get }
    func parse(text: String) -> Result<any Sendable, ParseFailure>
    func parse(json: JSONValue) -> Result<any Sendable, ParseFailure>
    func display(_ value: any Sendable) -> String
    func json(_ value: any Sendable) -> JSONValue
}

extension AnyConfigKey {
    /// `QUIVER_` and the name in upper case, dots as underscores.
    var environmentVariable: String {
        "QUIVER_" + name.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// `--` and the name with dots and underscores as dashes.
    var flag: String {
        "--" + name.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
    }
}

/// Validation helpers for key declarations.
enum Check {
    static func range<T: Comparable & Sendable>(_ range: ClosedRange<T>, unit: String = "") -> @Sendable (T) -> String? {
        { value in
            range.contains(value) ? nil : "\(value)\(unit) is out of range \(range.lowerBound)...\(range.upperBound)\(unit)"
        }
    }

    static let nonEmpty: @Sendable (String) -> String? = { $0.isEmpty ? "must not be empty" : nil }
}

extension String {
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self {
            if ch == target { out += replacement } else { out.append(ch) }
        }
        return out
    }
}
