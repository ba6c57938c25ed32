/// How a tool is executed.
public enum ToolBinding: Sendable {
    /// A function compiled into Quiver (module `Tools`), looked up by name.
    case builtin(function: String)
    /// An HTTP request built from the arguments.
    case http(HTTPBinding)
    /// A tool of a configured MCP server.
    case mcp(server: String, tool: String)

    /// `builtin`, `http` or `mcp`.
    public var kind: String {
        switch self {
        case .builtin: "builtin"
        case .http: "http"
        case .mcp: "mcp"
        }
    }
}

/// An HTTP tool: request from arguments, JSON response, optional extraction.
public struct HTTPBinding: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case GET, POST, PUT, PATCH, DELETE
    }

    /// Where a query value or header value comes from.
    public enum Value: Sendable, Hashable {
        /// Text with `{argument}` placeholders, filled from the arguments (percent-encoded by the executor).
        /// When an argument it names is absent, the query parameter is left out.
        case template(StringTemplate)
        /// A secret from config or the environment (never from the plan), with a prefix such as `Bearer `.
        /// An optional secret that is not configured leaves the header or parameter out.
        case secret(name: String, prefix: String, optional: Bool)
    }

    /// The request body.
    public enum Body: Sendable, Hashable {
        /// The whole (validated, defaulted) arguments object as JSON.
        case arguments
        /// A JSON template: every string that is exactly `"{name}"` is replaced by that argument's value
        /// (its member is left out when the argument is absent); other strings are filled as text templates.
        case template(JSONValue)
    }

    /// The response body's format.
    public enum ResponseFormat: String, Sendable {
        case json, text
    }

    public let method: Method
    /// Config key whose value overrides `defaultBaseURL` (e.g. `OPEN_METEO_BASE_URL`).
    public let baseURLConfigKey: String?
    /// Base URL used when the config key is not set: `https://host[:port][/prefix]`.
    public let defaultBaseURL: String?
    /// Path appended to the base URL, with `{argument}` placeholders (each filled as one percent-encoded segment).
    public let path: StringTemplate
    /// Query parameters in order.
    public let query: [(name: String, value: Value)]
    /// Headers in order; only literal text or secrets (no argument values).
    public let headers: [(name: String, value: Value)]
    public let body: Body?
    public let responseFormat: ResponseFormat
    /// Part of the JSON response to return (e.g. `$.current`); nil returns the whole response.
    public let extract: JSONPath?

    public init(
        method: Method, baseURLConfigKey: String?, defaultBaseURL: String?, path: StringTemplate,
        query: [(name: String, value: Value)] = [], headers: [(name: String, value: Value)] = [], body: Body? = nil,
        responseFormat: ResponseFormat = .json, extract: JSONPath? = nil
    ) {
        self.method = method
        self.baseURLConfigKey = baseURLConfigKey
        self.defaultBaseURL = defaultBaseURL
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.responseFormat = responseFormat
        self.extract = extract
    }

    /// Names of the secrets this binding needs, for start-up checks.
    public var secretNames: [String] {
        (query + headers).compactMap { if case .secret(let name, _, _) = $0.value { name } else { nil } }
    }
}
