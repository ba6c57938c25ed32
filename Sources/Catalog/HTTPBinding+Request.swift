/// The concrete request an HTTP binding makes for one call: what the HTTP adapter sends.
public struct HTTPRequestParts: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public let method: String
    /// Absolute URL with the path and query filled in and percent-encoded.
    public let url: String
    public let headers: [Header]
    /// JSON body, when the binding has one.
    public let body: [UInt8]?
}

/// A request that cannot be built: no base URL, an argument or secret missing, an unusable value.
public struct HTTPBindingError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable {
        let raw: String
        public static let missingBaseURL = Code(raw: "missing base URL")
        public static let missingArgument = Code(raw: "missing argument")
        public static let missingSecret = Code(raw: "missing secret")
        public static let invalidValue = Code(raw: "invalid value")
    }

    public let code: Code
    public let message: String
    public var description: String { message }
}

extension HTTPBinding {
    /// Builds the request for `arguments` (already validated, defaults applied).
    /// - Parameters:
    ///   - baseURL: the value of `baseURLConfigKey` from the configuration, if set; else `defaultBaseURL` is used.
    ///   - secret: looks a secret up by name in the configuration or environment (never in the plan).
    /// Path placeholders are percent-encoded as one segment, query values as a query component; an
    /// array argument is joined with commas; a query parameter naming an absent argument is left out.
    public func request(arguments: JSONObject, baseURL: String?, secret: (String) -> String?) throws(HTTPBindingError) -> HTTPRequestParts {
        guard var base = baseURL ?? defaultBaseURL, !base.isEmpty else {
            throw HTTPBindingError(code: .missingBaseURL, message: "no base URL: set \(baseURLConfigKey ?? "the base URL")")
        }
        while base.hasSuffix("/") { base.removeLast() }
        var values: [String: String] = [:]
        for (name, value) in arguments where !value.isNull {
            values[name] = try HTTPBinding.text(value, name: name)
        }
        for name in path.placeholders where values[name]?.isEmpty == true {
            throw HTTPBindingError(code: .invalidValue, message: "argument \(name) must not be empty in the URL path")
        }
        guard let filledPath = path.render(values, encode: { HTTPBinding.encodeSegment($0) }) else {
            let missing = path.placeholders.first { values[$0] == nil } ?? ""
            throw HTTPBindingError(code: .missingArgument, message: "argument \(missing) is needed for the URL path")
        }
        var url = base + filledPath
        var pairs: [String] = []
        for (name, value) in query {
            guard let text = try HTTPBinding.resolve(value, values: values, secret: secret, what: "query parameter \(name)") else { continue }
            pairs.append(HTTPBinding.percentEncode(name) + "=" + HTTPBinding.percentEncode(text))
        }
        if !pairs.isEmpty { url += "?" + pairs.joined(separator: "&") }
        var headerList: [HTTPRequestParts.Header] = []
        for (name, value) in headers {
            guard let text = try HTTPBinding.resolve(value, values: values, secret: secret, what: "header \(name)") else { continue }
            guard !text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                throw HTTPBindingError(code: .invalidValue, message: "header \(name) would contain a line break")
            }
            headerList.append(HTTPRequestParts.Header(name: name, value: text))
        }
        var bodyBytes: [UInt8]?
        switch body {
        case .none:
            break
        case .arguments:
            bodyBytes = Array(JSONValue.object(arguments).serialized().utf8)
        case .template(let template):
            let filled = HTTPBinding.fill(template, arguments: arguments, values: values) ?? .null
            bodyBytes = Array(filled.serialized().utf8)
            headerList.append(HTTPRequestParts.Header(name: "Content-Type", value: "application/json"))
        }
        if case .arguments = body { headerList.append(HTTPRequestParts.Header(name: "Content-Type", value: "application/json")) }
        return HTTPRequestParts(method: method.rawValue, url: url, headers: headerList, body: bodyBytes)
    }

    /// A query or header value; nil when it is to be left out.
    private static func resolve(_ value: Value, values: [String: String], secret: (String) -> String?, what: String) throws(HTTPBindingError) -> String? {
        switch value {
        case .template(let template):
            return template.render(values)
        case .secret(let name, let prefix, let optional):
            guard let found = secret(name), !found.isEmpty else {
                if optional { return nil }
                throw HTTPBindingError(code: .missingSecret, message: "secret \(name) (for the \(what)) is not configured")
            }
            return prefix + found
        }
    }

    /// An argument as URL text: strings as they are, numbers and booleans in JSON form, arrays of those joined with commas.
    static func text(_ value: JSONValue, name: String) throws(HTTPBindingError) -> String {
        switch value {
        case .string(let s): return s
        case .number, .bool: return value.serialized()
        case .array(let items):
            var parts: [String] = []
            for item in items {
                switch item {
                case .string(let s): parts.append(s)
                case .number, .bool: parts.append(item.serialized())
                default: throw HTTPBindingError(code: .invalidValue, message: "argument \(name): a list in a URL may hold only strings, numbers and booleans")
                }
            }
            return parts.joined(separator: ",")
        case .null: return ""
        case .object: throw HTTPBindingError(code: .invalidValue, message: "argument \(name): an object cannot go into a URL")
        }
    }

    /// Replaces every string that is exactly `"{name}"` by that argument (members whose argument is absent are left out)
    /// and fills other strings as text templates.
    static func fill(_ template: JSONValue, arguments: JSONObject, values: [String: String]) -> JSONValue? {
        switch template {
        case .string(let s):
            if s.hasPrefix("{"), s.hasSuffix("}"), let parsed = try? StringTemplate(parsing: s), parsed.parts.count == 1,
               case .placeholder(let name) = parsed.parts[0] {
                guard let value = arguments[name], !value.isNull else { return nil }
                return value
            }
            guard let parsed = try? StringTemplate(parsing: s) else { return template }
            return parsed.render(values).map { .string($0) }
        case .array(let items):
            return .array(items.compactMap { fill($0, arguments: arguments, values: values) })
        case .object(let object):
            var out = JSONObject()
            for (key, value) in object {
                if let filled = fill(value, arguments: arguments, values: values) { out[key] = filled }
            }
            return .object(out)
        default:
            return template
        }
    }

    /// One path segment: percent-encoded, and `.` / `..` encoded too so that an argument cannot climb the server's path.
    static func encodeSegment(_ text: String) -> String {
        let encoded = percentEncode(text)
        return encoded == "." || encoded == ".." ? encoded.replacingDots() : encoded
    }

    /// Percent-encodes everything except RFC 3986's unreserved characters (so `/`, `?`, `&`, `=` and `#` are encoded).
    public static func percentEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    fileprivate func replacingDots() -> String {
        String(unicodeScalars.map { $0 == "." ? "%2E" : String($0) }.joined())
    }
}
