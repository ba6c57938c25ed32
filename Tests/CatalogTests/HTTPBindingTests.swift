import Foundation
import Testing
@testable import Catalog

private let params = #""parameters": {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}, "days": {"type": "integer", "default": 3}, "lang": {"type": "string"}}}"#

private func httpTool(_ binding: String) -> String {
    #"{"tools": [\#(toolJSON("w", params + #", "binding": {"type": "http", \#(binding)}"#))]}"#
}

@Suite struct HTTPBindingTests {
    @Test func decodesAFullBinding() throws {
        let text = httpTool(#"""
            "method": "POST", "base_url": {"config": "WEATHER_BASE_URL", "default": "https://api.example.com/v2"},
            "path": "/forecast/{city}/{days}", "query": {"lang": "{lang}", "format": "json"},
            "headers": {"Authorization": {"secret": "WEATHER_KEY", "prefix": "Bearer "}, "Accept": "application/json"},
            "body": {"city": "{city}", "options": {"days": "{days}"}}, "response": {"extract": "$.data[0]"}
            """#)
        let catalog = try Catalog.load(sources: [CatalogSource(name: "h.json", text: text)])
        guard case .http(let http) = try #require(catalog["w"]).binding else {
            Issue.record("expected an http binding")
            return
        }
        #expect(http.method == .POST)
        #expect(http.baseURLConfigKey == "WEATHER_BASE_URL")
        #expect(http.defaultBaseURL == "https://api.example.com/v2")
        #expect(http.path.placeholders == ["city", "days"])
        #expect(http.path.render(["city": "Rio de Janeiro", "days": "3"], encode: { $0.replacingOccurrences(of: " ", with: "%20") })
            == "/forecast/Rio%20de%20Janeiro/3")
        #expect(http.query.map(\.name) == ["lang", "format"])
        #expect(http.headers.first?.value == .secret(name: "WEATHER_KEY", prefix: "Bearer ", optional: false))
        #expect(http.secretNames == ["WEATHER_KEY"])
        #expect(http.extract?.description == "$.data[0]")
        #expect(http.body == .template(["city": "{city}", "options": ["days": "{days}"]]))
    }

    @Test(arguments: [
        (#""base_url": {"default": "ftp://x"}, "path": "/a""#, #"$.tools[0].binding.base_url.default: "ftp://x" is not an http(s) base URL without query or fragment"#),
        (#""base_url": {}, "path": "/a""#, #"$.tools[0].binding.base_url: needs "config", "default" or both"#),
        (#""base_url": {"config": "bad-key"}, "path": "/a""#, #"$.tools[0].binding.base_url.config: config key "bad-key" must be an identifier such as OPEN_METEO_BASE_URL"#),
        (#""path": "/a""#, "$.tools[0].binding.base_url: required key missing"),
        (#""base_url": {"default": "https://x"}, "path": "a""#, "$.tools[0].binding.path: must start with '/'"),
        (#""base_url": {"default": "https://x"}, "path": "/a?b=1""#, "$.tools[0].binding.path: must not contain '?' or '#' (use \"query\")"),
        (#""base_url": {"default": "https://x"}, "path": "/{town}""#, "$.tools[0].binding.path: placeholder {town} is not a declared parameter"),
        (#""base_url": {"default": "https://x"}, "path": "/{lang}""#, "$.tools[0].binding.path: placeholder {lang} must be a required parameter or have a default"),
        (#""base_url": {"default": "https://x"}, "path": "/{city""#, #"$.tools[0].binding.path: invalid template "/{city": unclosed '{' at offset 1"#),
        (#""base_url": {"default": "https://x"}, "path": "/", "query": {"q": "{town}"}"#, "$.tools[0].binding.query.q: placeholder {town} is not a declared parameter"),
        (#""base_url": {"default": "https://x"}, "path": "/", "query": {"q": 3}"#, #"$.tools[0].binding.query.q: must be a string template or {"secret": NAME}, found integer"#),
        (#""base_url": {"default": "https://x"}, "path": "/", "headers": {"X-City": "{city}"}"#, #"$.tools[0].binding.headers["X-City"]: header values cannot take arguments (only literal text or a secret)"#),
        (#""base_url": {"default": "https://x"}, "path": "/", "headers": {"X": {"secret": "my key"}}"#, #"$.tools[0].binding.headers.X.secret: secret name "my key" must be an identifier such as GITHUB_TOKEN"#),
        (#""base_url": {"default": "https://x"}, "path": "/", "headers": {"Bad Name": "v"}"#, #"$.tools[0].binding.headers["Bad Name"]: "Bad Name" is not a valid name"#),
        (#""base_url": {"default": "https://x"}, "path": "/", "body": "{*}""#, "$.tools[0].binding.body: a GET request has no body"),
        (#""method": "POST", "base_url": {"default": "https://x"}, "path": "/", "body": {"a": "{nope}"}"#, "$.tools[0].binding.body.a: placeholder {nope} is not a declared parameter"),
        (#""method": "FETCH", "base_url": {"default": "https://x"}, "path": "/""#, #"$.tools[0].binding.method: unknown method "FETCH" (expected GET, POST, PUT, PATCH, DELETE)"#),
        (#""base_url": {"default": "https://x"}, "path": "/", "response": {"extract": "$..a"}"#, #"$.tools[0].binding.response.extract: invalid path "$..a": column 3: expected a key"#),
        (#""base_url": {"default": "https://x"}, "path": "/", "response": {"format": "xml"}"#, #"$.tools[0].binding.response.format: must be "json" or "text""#),
        (#""base_url": {"default": "https://x"}, "path": "/", "timeout": 3"#, #"$.tools[0].binding.timeout: unknown key "timeout" (allowed: base_url, body, headers, method, path, query, response, type)"#),
    ])
    func reportsBindingProblems(binding: String, expected: String) {
        let issues = loadIssues([("h.json", httpTool(binding))])
        #expect(issues.contains("h.json: " + expected), "\(issues)")
    }

    @Test func templatesEscapeBraces() throws {
        let t = try StringTemplate(parsing: "{{literal}} {x}")
        #expect(t.placeholders == ["x"])
        #expect(t.render(["x": "1"]) == "{literal} 1")
        #expect(t.render([:]) == nil)
        #expect(throws: TemplateSyntaxError.self) { try StringTemplate(parsing: "a}b") }
        #expect(throws: TemplateSyntaxError.self) { try StringTemplate(parsing: "{1x}") }
    }
}
