public import Catalog
import CurlHTTP
import Sandbox

/// Runs HTTP-bound tools through one `CurlClient` whose connection filter enforces the host policy on
/// every address actually connected to.
public final class HTTPToolAdapter: Sendable {
    public let settings: HTTPToolSettings
    public let policy: HostPolicy
    let client: CurlClient

    /// `baseURLs`: the resolved base URL of each HTTP tool, used for the default allow-list.
    public init(settings: HTTPToolSettings, catalog: Catalog) throws {
        self.settings = settings
        let policy = HostPolicy(allowedHosts: HTTPToolAdapter.allowedHosts(settings, catalog), allowedNetworks: settings.allowedNetworks)
        self.policy = policy
        client = try CurlClient(
            configuration: CurlClient.Configuration(
                maxConnectionsPerHost: 64, connectionFilter: { policy.allowsAddress($0) }, userAgent: "Quiver-Tools/1"))
    }

    deinit { client.shutdown() }

    /// `tools.allowed_hosts`, or when unset the hosts of the catalog's HTTP tools' base URLs.
    static func allowedHosts(_ settings: HTTPToolSettings, _ catalog: Catalog) -> [String] {
        var hosts = settings.allowedHosts ?? []
        if settings.allowedHosts == nil {
            for tool in catalog.tools {
                guard case .http(let binding) = tool.binding, let base = HTTPToolAdapter.baseURL(binding, settings.lookup),
                    let parts = URLParts(base)
                else { continue }
                if !hosts.contains(parts.host) { hosts.append(parts.host) }
            }
        }
        return hosts
    }

    /// The adapter for a reloaded `catalog`: this one when its allow-list is unchanged (connections are
    /// kept), else a new one with the new list (calls in flight finish on this one).
    public func adapted(to catalog: Catalog) throws -> HTTPToolAdapter {
        let hosts = HTTPToolAdapter.allowedHosts(settings, catalog)
        if hosts.map({ $0.lowercased() }) == policy.allowedHosts { return self }
        return try HTTPToolAdapter(settings: settings, catalog: catalog)
    }

    static func baseURL(_ binding: HTTPBinding, _ lookup: (String) -> String?) -> String? {
        if let key = binding.baseURLConfigKey, let configured = lookup(key), !configured.isEmpty { return configured }
        return binding.defaultBaseURL
    }

    /// The request for `arguments` (validated, defaults applied).
    func request(for tool: ToolDefinition, _ binding: HTTPBinding, arguments: JSONObject, timeoutMilliseconds: Int, maxBytes: Int)
        throws(ToolFailure) -> CurlRequest
    {
        guard var base = HTTPToolAdapter.baseURL(binding, settings.lookup) else {
            throw ToolFailure("no base URL: set \(binding.baseURLConfigKey ?? "the base URL")")
        }
        while base.hasSuffix("/") { base.removeLast() }
        var texts: [String: String] = [:]
        for (key, value) in arguments.entries { if let t = HTTPToolAdapter.text(value) { texts[key] = t } }
        guard let path = binding.path.render(texts, encode: PercentEncoding.encodeSegment) else {
            throw ToolFailure("path \(binding.path) names an argument that is absent")
        }
        var url = base + path
        var query: [String] = []
        for (name, value) in binding.query {
            guard let rendered = try resolve(value, texts: texts, encode: PercentEncoding.encode) else { continue }
            query.append(PercentEncoding.encode(name) + "=" + rendered)
        }
        if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + query.joined(separator: "&") }
        var headers: [(name: String, value: String)] = [("Accept", binding.responseFormat == .json ? "application/json" : "*/*")]
        for (name, value) in binding.headers {
            guard let rendered = try resolve(value, texts: [:], encode: { $0 }) else { continue }
            headers.append((name, rendered))
        }
        var body: [UInt8]?
        if let b = binding.body {
            let json: CatalogJSON
            switch b {
            case .arguments: json = .object(arguments)
            case .template(let template): json = HTTPToolAdapter.fill(template, arguments) ?? .null
            }
            body = Array(json.serialized().utf8)
            headers.append(("Content-Type", "application/json"))
        }
        let policy = self.policy
        return CurlRequest(
            method: binding.method.rawValue, url: url, headers: headers, body: body,
            connectTimeout: .milliseconds(min(settings.connectTimeoutMilliseconds, timeoutMilliseconds)),
            timeout: .milliseconds(timeoutMilliseconds), maxResponseBytes: maxBytes,
            redirects: CurlRedirectPolicy(maxRedirects: settings.maxRedirects) { redirect in
                guard let parts = URLParts(redirect.to) else { return false }
                return policy.allowsHost(parts.host)
            })
    }

    private func resolve(_ value: HTTPBinding.Value, texts: [String: String], encode: (String) -> String) throws(ToolFailure) -> String? {
        switch value {
        case .template(let template): return template.render(texts, encode: encode)
        case .secret(let name, let prefix, let optional):
            guard let secret = settings.lookup(name), !secret.isEmpty else {
                if optional { return nil }
                throw ToolFailure("secret \(name) is not configured")
            }
            return encode(prefix + secret)
        }
    }

    /// Sends the call and returns the (extracted) JSON or text.
    /// `reportedTimeout`: the tool's `timeout_ms`, named in the error when the (remaining) time runs out.
    func call(
        _ tool: ToolDefinition, _ binding: HTTPBinding, arguments: JSONObject, timeoutMilliseconds: Int, maxBytes: Int, reportedTimeout: Int? = nil
    ) async throws -> CatalogJSON {
        let request = try request(for: tool, binding, arguments: arguments, timeoutMilliseconds: timeoutMilliseconds, maxBytes: maxBytes)
        guard let parts = URLParts(request.url) else { throw ToolFailure("unusable URL (only http and https)") }
        guard policy.allowsHost(parts.host) else {
            throw HTTPToolError(.hostNotAllowed, "host \(parts.host) is not on the allow-list (tools.allowed_hosts)")
        }
        if IPAddress(parts.host) != nil, let why = policy.refusal(forAddress: parts.host) { throw HTTPToolError(.addressNotAllowed, why) }
        let response: CurlResponse
        do {
            response = try await client.execute(request)
        } catch let e as CurlError {
            throw HTTPToolError.from(e, policy: policy, maxBytes: maxBytes, timeoutMilliseconds: reportedTimeout ?? timeoutMilliseconds)
        }
        guard (200..<300).contains(response.status) else {
            let snippet = String(response.text.prefix(200))
            throw HTTPToolError(.status(response.status), "HTTP status \(response.status)\(snippet.isEmpty ? "" : ": \(snippet)")")
        }
        switch binding.responseFormat {
        case .text:
            return .string(response.text)
        case .json:
            let json: CatalogJSON
            do {
                json = try JSONParser.parse(bytes: response.body, limits: JSONParser.Limits(maxDepth: 128, maxBytes: max(maxBytes, 1)))
            } catch {
                throw HTTPToolError(.badResponse, "response is not valid JSON: \(error)")
            }
            guard let path = binding.extract else { return json }
            guard let part = path.lookup(in: json) else { throw HTTPToolError(.badResponse, "response has nothing at \(path)") }
            return part
        }
    }

    /// An argument as text for templates: strings as they are, numbers and booleans printed, arrays joined with commas.
    static func text(_ value: CatalogJSON) -> String? {
        switch value {
        case .null: return nil
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .array(let xs): return xs.compactMap { text($0) }.joined(separator: ",")
        case .object: return value.serialized()
        }
    }

    /// A JSON body template filled from the arguments.
    static func fill(_ template: CatalogJSON, _ arguments: JSONObject) -> CatalogJSON? {
        switch template {
        case .string(let s):
            guard let t = try? StringTemplate(parsing: s) else { return template }
            if t.parts.count == 1, case .placeholder(let name) = t.parts[0] { return arguments[name] }
            var texts: [String: String] = [:]
            for (k, v) in arguments.entries { if let x = text(v) { texts[k] = x } }
            return t.render(texts).map { .string($0) }
        case .array(let xs): return .array(xs.compactMap { fill($0, arguments) })
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o.entries { if let f = fill(v, arguments) { out[k] = f } }
            return .object(out)
        default: return template
        }
    }
}
