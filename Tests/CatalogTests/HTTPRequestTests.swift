import Testing
@testable import Catalog

private func binding(_ text: String, parameters: String = #"{"type": "object", "required": ["title"], "properties": {"title": {"type": "string"}, "limit": {"type": "integer", "default": 5}, "ids": {"type": "array", "items": {"type": "integer"}}, "lang": {"type": "string"}}}"#) throws -> (HTTPBinding, ToolDefinition) {
    let toolset = #"{"tools": [{"name": "t", "description": "d", "effect": "read", "parameters": \#(parameters), "binding": {"type": "http", \#(text)}}]}"#
    let catalog = try Catalog.load(sources: [CatalogSource(name: "h.json", text: toolset)])
    let tool = try #require(catalog["t"])
    guard case .http(let http) = tool.binding else { throw HTTPBindingError(code: .invalidValue, message: "not http") }
    return (http, tool)
}

@Suite struct HTTPRequestTests {
    @Test func buildsURLWithEncodedPathAndQuery() throws {
        let (http, tool) = try binding(#""base_url": {"config": "WIKI_URL", "default": "https://en.wikipedia.org/"}, "path": "/page/summary/{title}", "query": {"limit": "{limit}", "ids": "{ids}", "lang": "{lang}", "q": "a b&c=d"}"#)
        let arguments = try tool.validateArguments(["title": "AC/DC & Co?", "ids": [1, 2, 3]])
        let request = try http.request(arguments: try #require(arguments.objectValue), baseURL: nil, secret: { _ in nil })
        #expect(request.method == "GET")
        #expect(request.url == "https://en.wikipedia.org/page/summary/AC%2FDC%20%26%20Co%3F?limit=5&ids=1%2C2%2C3&q=a%20b%26c%3Dd")
        #expect(request.body == nil)
        let mirrored = try http.request(arguments: ["title": "x"], baseURL: "http://127.0.0.1:8080/w", secret: { _ in nil })
        #expect(mirrored.url == "http://127.0.0.1:8080/w/page/summary/x?q=a%20b%26c%3Dd")
    }

    @Test func dotSegmentsAndEmptySegmentsCannotEscapeThePath() throws {
        let (http, _) = try binding(#""base_url": {"default": "https://x.org/api"}, "path": "/items/{title}""#)
        #expect(try http.request(arguments: ["title": ".."], baseURL: nil, secret: { _ in nil }).url == "https://x.org/api/items/%2E%2E")
        #expect(try http.request(arguments: ["title": "../admin"], baseURL: nil, secret: { _ in nil }).url == "https://x.org/api/items/..%2Fadmin")
        #expect(throws: HTTPBindingError.self) { try http.request(arguments: ["title": ""], baseURL: nil, secret: { _ in nil }) }
        #expect(throws: HTTPBindingError.self) { try http.request(arguments: [:], baseURL: nil, secret: { _ in nil }) }
    }

    @Test func secretsComeFromTheLookupOnly() throws {
        let (http, _) = try binding(#""base_url": {"default": "https://x.org"}, "path": "/", "query": {"appid": {"secret": "KEY"}}, "headers": {"Authorization": {"secret": "TOKEN", "prefix": "Bearer ", "optional": true}, "Accept": "application/json"}"#)
        let secrets = ["KEY": "k1", "TOKEN": "t2"]
        let full = try http.request(arguments: ["title": "x"], baseURL: nil, secret: { secrets[$0] })
        #expect(full.url == "https://x.org/?appid=k1")
        #expect(full.headers == [.init(name: "Authorization", value: "Bearer t2"), .init(name: "Accept", value: "application/json")])
        let noToken = try http.request(arguments: ["title": "x"], baseURL: nil, secret: { $0 == "KEY" ? "k1" : nil })
        #expect(noToken.headers.map(\.name) == ["Accept"])
        do {
            _ = try http.request(arguments: ["title": "x"], baseURL: nil, secret: { _ in nil })
            Issue.record("expected a missing secret")
        } catch {
            #expect(error.code == .missingSecret)
            #expect(error.message == "secret KEY (for the query parameter appid) is not configured")
        }
        #expect(throws: HTTPBindingError.self) { try http.request(arguments: ["title": "x"], baseURL: nil, secret: { _ in "a\r\nX-Evil: 1" }) }
    }

    @Test func bodies() throws {
        let (whole, _) = try binding(#""method": "POST", "base_url": {"default": "https://x.org"}, "path": "/", "body": "{*}""#)
        let request = try whole.request(arguments: ["title": "x", "limit": 2], baseURL: nil, secret: { _ in nil })
        #expect(request.body.map { String(decoding: $0, as: UTF8.self) } == #"{"title":"x","limit":2}"#)
        #expect(request.headers.contains(.init(name: "Content-Type", value: "application/json")))
        let (templated, _) = try binding(#""method": "POST", "base_url": {"default": "https://x.org"}, "path": "/", "body": {"q": {"text": "{title}", "n": "{limit}", "lang": "{lang}"}, "note": "about {title}"}"#)
        let filled = try templated.request(arguments: ["title": "x", "limit": 2], baseURL: nil, secret: { _ in nil })
        #expect(filled.body.map { String(decoding: $0, as: UTF8.self) } == #"{"q":{"text":"x","n":2},"note":"about x"}"#)
    }

    @Test func missingBaseURL() throws {
        let (http, _) = try binding(#""base_url": {"config": "ONLY_CONFIG"}, "path": "/""#)
        #expect(throws: HTTPBindingError.self) { try http.request(arguments: ["title": "x"], baseURL: nil, secret: { _ in nil }) }
        #expect(try http.request(arguments: ["title": "x"], baseURL: "https://y.org", secret: { _ in nil }).url == "https://y.org/")
    }
}

@Suite struct BundledHTTPToolsTests {
    /// Plausible arguments for a tool: each required parameter gets a value its schema accepts.
    static func arguments(for tool: ToolDefinition) -> JSONObject {
        var out = JSONObject()
        for name in tool.parameters.required {
            guard let schema = tool.parameters.properties[name] else { continue }
            if let first = schema.enumValues?.first {
                out[name] = first
            } else if schema.allows(.integer) && !(schema.types ?? []).contains(.string) && !(schema.types ?? []).contains(.number) {
                out[name] = .number(schema.minimum ?? JSONNumber(1))
            } else if schema.allows(.number) && !(schema.types ?? []).contains(.string) {
                out[name] = 1.5
            } else {
                out[name] = .string(String(repeating: "A", count: max(schema.minLength ?? 1, 1)))
            }
        }
        return out
    }

    @Test func everyHTTPToolBuildsARequest() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        var built = 0
        for tool in catalog.tools {
            guard case .http(let http) = tool.binding else { continue }
            for arguments in [JSONValue.object(Self.arguments(for: tool))] + tool.examples.map(\.arguments) {
                let valid = try tool.validateArguments(arguments)
                let request = try http.request(arguments: try #require(valid.objectValue), baseURL: nil, secret: { _ in "secret-value" })
                #expect(request.url.hasPrefix(try #require(http.defaultBaseURL)), "\(tool.name): \(request.url)")
                #expect(!request.url.contains("{") && !request.url.contains("}"), "\(tool.name): \(request.url)")
                #expect(request.method == "GET")
                built += 1
            }
        }
        #expect(built >= 30)
    }

    @Test func exampleRequests() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        func url(_ name: String, _ arguments: JSONValue) throws -> String {
            let tool = try #require(catalog[name])
            guard case .http(let http) = tool.binding else { return "" }
            let valid = try tool.validateArguments(arguments)
            return try http.request(arguments: try #require(valid.objectValue), baseURL: nil, secret: { _ in nil }).url
        }
        #expect(try url("wikipedia_summary", ["title": "Alan Turing"]) == "https://en.wikipedia.org/api/rest_v1/page/summary/Alan%20Turing")
        #expect(try url("currency_convert", ["amount": 100, "from": "USD", "to": "EUR"]) == "https://api.frankfurter.app/latest?amount=100&from=USD&to=EUR")
        #expect(try url("exchange_rates_latest", ["symbols": ["USD", "GBP"]]) == "https://api.frankfurter.app/latest?from=EUR&to=USD%2CGBP")
        #expect(try url("github_issue", ["owner": "apple", "repo": "swift", "number": 42]) == "https://api.github.com/repos/apple/swift/issues/42")
    }
}
