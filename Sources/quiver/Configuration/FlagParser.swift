/// Parses the configuration flags (`--port 8080`, `--port=8080`, `--auth-metrics-public`) derived
/// from the key table; anything else is an error naming the flag.
struct FlagParser: Sendable {
    let keys: [any AnyConfigKey]

    func parse(_ arguments: [String]) -> ([(any AnyConfigKey, any Sendable, ConfigSource)], [ConfigError]) {
        let byFlag = Dictionary(keys.map { ($0.flag, $0) }, uniquingKeysWith: { first, _ in first })
        var values: [(any AnyConfigKey, any Sendable, ConfigSource)] = []
        var errors: [ConfigError] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                errors.append(ConfigError(key: argument, source: .flag(name: argument), reason: "unexpected argument"))
                continue
            }
            let name: String
            var text: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                text = String(argument[argument.index(after: equals)...])
            } else {
                name = argument
            }
            let source = ConfigSource.flag(name: name)
            guard let key = byFlag[name] else {
                // Skip the unknown option's value too, so it is reported once.
                if text == nil, index < arguments.count, !arguments[index].hasPrefix("--") { index += 1 }
                let near = ConfigLoader.suggestion(for: String(name.dropFirst(2)).replacingOccurrences(of: "-", with: "_"), in: keys)
                errors.append(ConfigError(key: name, source: source, reason: "unknown option" + near))
                continue
            }
            if text == nil {
                let isBoolean = key.typeDescription == Bool.typeDescription
                if index < arguments.count, !arguments[index].hasPrefix("--") || arguments[index] == "--" {
                    if !isBoolean || Bool.parse(text: arguments[index]) != nil {
                        text = arguments[index]
                        index += 1
                    }
                }
                if text == nil {
                    if isBoolean {
                        text = "true"
                    } else {
                        errors.append(ConfigError(key: key.name, source: source, reason: "missing value"))
                        continue
                    }
                }
            }
            switch key.parse(text: text ?? "") {
            case .success(let value): values.append((key, value, source))
            case .failure(let failure): errors.append(ConfigError(key: key.name, source: source, reason: failure.reason))
            }
        }
        return (values, errors)
    }
}
