import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// Reads the `paths:` section of openapi.yaml: path -> set of lower-case methods.
enum OpenAPIPaths {
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    static func parse(_ yaml: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        var inPaths = false
        var current: String?
        for raw in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            let indent = line.prefix(while: { $0 == " " }).count
            if indent == 0 {
                inPaths = line.hasPrefix("paths:")
                current = nil
                continue
            }
            guard inPaths else { continue }
            let content = line.trimmingCharacters(in: .whitespaces)
            if indent == 2, content.hasSuffix(":") {
                var path = String(content.dropLast())
                if path.hasPrefix("\""), path.hasSuffix("\"") { path = String(path.dropFirst().dropLast()) }
                current = path
                result[path, default: []] = []
            } else if indent == 4, let current, content.hasSuffix(":"), methods.contains(String(content.dropLast())) {
                result[current, default: []].insert(String(content.dropLast()))
            }
        }
        return result
    }
}


@Suite struct OpenAPITests {
    static var document: String { String(decoding: OpenAPIRoutes.document, as: UTF8.self) }

    @Test func everyServedRouteIsDescribed() {
        // The HTTPAPI route groups; the executable's full set is checked in QuiverCLITests.
        let server = APIServer(settings: HTTPSettings(), routeGroups: [DebugRoutes()])
        let router = server.makeRouter()
        let described = OpenAPIPaths.parse(Self.document)
        #expect(!router.routes.isEmpty)
        for route in router.routes {
            let path = route.path.description
            let method = route.method.rawValue.lowercased()
            #expect(described[path]?.contains(method) == true, "\(method.uppercased()) \(path) is served but missing from openapi.yaml")
        }
    }

    @Test func documentIsOpenAPI31AndServed() async throws {
        #expect(Self.document.hasPrefix("openapi: 3.1"))
        let parsed = OpenAPIPaths.parse(Self.document)
        #expect(parsed["/health"] == ["get"])
        #expect(parsed["/ready"] == ["get"])
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(response.text == Self.document)
            }
        }
    }

    @Test func parserFindsMissingRoutes() {
        let yaml = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      summary: x\n  \"/b/{id}\":\n    post:\n      x: 1\ncomponents:\n  /c:\n    get:\n"
        let parsed = OpenAPIPaths.parse(yaml)
        #expect(parsed == ["/a": ["get"], "/b/{id}": ["post"]])
    }
}
