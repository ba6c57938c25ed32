extension DefinitionReader {
    static let bindingKeys: [String: Set<String>] = [
        "builtin": ["type", "function"],
        "mcp": ["type", "server", "tool"],
        "http": ["type", "method", "base_url", "path", "query", "headers", "body", "response"],
    ]

    mutating func binding(_ value: JSONValue, at path: JSONPath, parameters: JSONSchema?) -> ToolBinding? {
        guard case .object(let object) = value else {
            report(path, "must be an object, found \(value.typeName)")
            return nil
        }
        guard let type = requiredString(object, "type", at: path) else { return nil }
        guard let allowed = DefinitionReader.bindingKeys[type] else {
            report(path.appending("type"), "unknown binding type \"\(type)\" (expected builtin, http or mcp)")
            return nil
        }
        rejectUnknownKeys(object, allowed: allowed, at: path)
        switch type {
        case "builtin":
            guard let function = requiredString(object, "function", at: path) else { return nil }
            guard Identifier.isValid(function) else {
                report(path.appending("function"), "function name \"\(function)\" is not an identifier")
                return nil
            }
            return .builtin(function: function)
        case "mcp":
            let server = requiredString(object, "server", at: path)
            let tool = requiredString(object, "tool", at: path)
            if let server, server.isEmpty { report(path.appending("server"), "must not be empty") }
            if let tool, tool.isEmpty { report(path.appending("tool"), "must not be empty") }
            guard let server, let tool, !server.isEmpty, !tool.isEmpty else { return nil }
            return .mcp(server: server, tool: tool)
        default:
            return httpBinding(object, at: path, parameters: parameters).map { .http($0) }
        }
    }

    private mutating func httpBinding(_ object: JSONObject, at path: JSONPath, parameters: JSONSchema?) -> HTTPBinding? {
        var method = HTTPBinding.Method.GET
        if let text = optionalString(object, "method", at: path) {
            if let m = HTTPBinding.Method(rawValue: text) {
                method = m
            } else {
                report(path.appending("method"), "unknown method \"\(text)\" (expected \(HTTPBinding.Method.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        var configKey: String?
        var defaultURL: String?
        if let base = object["base_url"] {
            let at = path.appending("base_url")
            if case .object(let b) = base {
                rejectUnknownKeys(b, allowed: ["config", "default"], at: at)
                configKey = optionalString(b, "config", at: at)
                defaultURL = optionalString(b, "default", at: at)
                if let key = configKey, !Identifier.isValid(key) {
                    report(at.appending("config"), "config key \"\(key)\" must be an identifier such as OPEN_METEO_BASE_URL")
                }
                if let url = defaultURL, !DefinitionReader.isBaseURL(url) {
                    report(at.appending("default"), "\"\(url)\" is not an http(s) base URL without query or fragment")
                }
                if configKey == nil && defaultURL == nil { report(at, "needs \"config\", \"default\" or both") }
            } else {
                report(at, "must be an object {\"config\": KEY, \"default\": URL}, found \(base.typeName)")
            }
        } else {
            report(path.appending("base_url"), "required key missing")
        }
        let declared = Set(parameters?.propertyNames ?? [])
        let mandatory = Set(parameters.map { p in p.propertyNames.filter { p.required.contains($0) || p.properties[$0]?.defaultValue != nil } } ?? [])
        var pathTemplate = StringTemplate.empty
        if let text = requiredString(object, "path", at: path) {
            let at = path.appending("path")
            if !text.hasPrefix("/") { report(at, "must start with '/'") }
            if text.contains("?") || text.contains("#") { report(at, "must not contain '?' or '#' (use \"query\")") }
            if let template = template(text, at: at) {
                pathTemplate = template
                for name in template.placeholders {
                    if !declared.contains(name) {
                        report(at, "placeholder {\(name)} is not a declared parameter")
                    } else if !mandatory.contains(name) {
                        report(at, "placeholder {\(name)} must be a required parameter or have a default")
                    }
                }
            }
        }
        let query = values(object["query"], at: path.appending("query"), declared: declared, allowTemplates: true)
        let headers = values(object["headers"], at: path.appending("headers"), declared: declared, allowTemplates: false)
        var body: HTTPBinding.Body?
        if let value = object["body"] {
            let at = path.appending("body")
            if method == .GET || method == .DELETE { report(at, "a \(method.rawValue) request has no body") }
            if case .string("{*}") = value {
                body = .arguments
            } else {
                checkBodyTemplate(value, at: at, declared: declared)
                body = .template(value)
            }
        }
        var format = HTTPBinding.ResponseFormat.json
        var extract: JSONPath?
        if let response = object["response"] {
            let at = path.appending("response")
            if case .object(let r) = response {
                rejectUnknownKeys(r, allowed: ["format", "extract"], at: at)
                if let text = optionalString(r, "format", at: at) {
                    if let f = HTTPBinding.ResponseFormat(rawValue: text) { format = f } else { report(at.appending("format"), "must be \"json\" or \"text\"") }
                }
                if let text = optionalString(r, "extract", at: at) {
                    do throws(JSONPathSyntaxError) {
                        extract = try JSONPath(parsing: text)
                    } catch {
                        report(at.appending("extract"), "invalid path \"\(text)\": \(error)")
                    }
                    if format == .text { report(at.appending("extract"), "extract needs the json format") }
                }
            } else {
                report(at, "must be an object, found \(response.typeName)")
            }
        }
        return HTTPBinding(
            method: method, baseURLConfigKey: configKey, defaultBaseURL: defaultURL, path: pathTemplate, query: query,
            headers: headers, body: body, responseFormat: format, extract: extract)
    }

    private mutating func template(_ text: String, at path: JSONPath) -> StringTemplate? {
        do throws(TemplateSyntaxError) {
            return try StringTemplate(parsing: text)
        } catch {
            report(path, "invalid template \"\(text)\": \(error)")
            return nil
        }
    }

    private mutating func values(_ value: JSONValue?, at path: JSONPath, declared: Set<String>, allowTemplates: Bool)
        -> [(name: String, value: HTTPBinding.Value)]
    {
        guard let value else { return [] }
        guard case .object(let object) = value else {
            report(path, "must be an object, found \(value.typeName)")
            return []
        }
        var result: [(name: String, value: HTTPBinding.Value)] = []
        for (name, item) in object {
            let at = path.appending(name)
            if name.isEmpty || name.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value > 0x7E || $0 == ":" }) {
                report(at, "\"\(name)\" is not a valid name")
                continue
            }
            switch item {
            case .string(let text):
                guard let template = template(text, at: at) else { continue }
                if !allowTemplates && !template.placeholders.isEmpty {
                    report(at, "header values cannot take arguments (only literal text or a secret)")
                    continue
                }
                for p in template.placeholders where !declared.contains(p) {
                    report(at, "placeholder {\(p)} is not a declared parameter")
                }
                if text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
                    report(at, "must not contain line breaks")
                }
                result.append((name, .template(template)))
            case .object(let secret):
                rejectUnknownKeys(secret, allowed: ["secret", "prefix", "optional"], at: at)
                guard let key = requiredString(secret, "secret", at: at) else { continue }
                if !Identifier.isValid(key) { report(at.appending("secret"), "secret name \"\(key)\" must be an identifier such as GITHUB_TOKEN") }
                let prefix = optionalString(secret, "prefix", at: at) ?? ""
                var optional = false
                if let o = secret["optional"] {
                    if case .bool(let b) = o { optional = b } else { report(at.appending("optional"), "must be a boolean") }
                }
                result.append((name, .secret(name: key, prefix: prefix, optional: optional)))
            default:
                report(at, "must be a string template or {\"secret\": NAME}, found \(item.typeName)")
            }
        }
        return result
    }

    private mutating func checkBodyTemplate(_ value: JSONValue, at path: JSONPath, declared: Set<String>) {
        switch value {
        case .string(let text):
            guard let template = template(text, at: path) else { return }
            for p in template.placeholders where !declared.contains(p) {
                report(path, "placeholder {\(p)} is not a declared parameter")
            }
        case .array(let items):
            for (i, item) in items.enumerated() { checkBodyTemplate(item, at: path.appending(index: i), declared: declared) }
        case .object(let object):
            for (key, item) in object { checkBodyTemplate(item, at: path.appending(key), declared: declared) }
        default:
            break
        }
    }

    static func isBaseURL(_ text: String) -> Bool {
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else { return false }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        guard let host = rest.split(separator: "/", omittingEmptySubsequences: false).first, !host.isEmpty else { return false }
        return !text.contains("?") && !text.contains("#") && !DefinitionReader.containsWhitespace(text) && !text.contains("{")
    }
}

extension StringTemplate {
    static let empty = StringTemplate(parts: [], description: "")

    init(parts: [Part], description: String) {
        self.parts = parts
        self.description = description
    }
}
