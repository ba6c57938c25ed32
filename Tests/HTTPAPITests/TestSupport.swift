import HTTPAPI
import Hummingbird
import HummingbirdTesting
import NIOCore

import Foundation

/// Routes that exist only in tests: a JSON echo (to exercise body limits and decoding) and a
/// parameterised route (to check that metrics label by template).
struct TestRoutes: APIRouteGroup {
    struct Item: Codable, Equatable {
        let name: String
        let count: Int
    }

    func register(on router: Router<QuiverRequestContext>) {
        router.post("/test/echo") { request, context -> Response in
            let item = try await request.decodeJSON(as: Item.self, context: context)
            return try Response.json(item)
        }
        router.get("/test/items/{id}") { _, context -> Response in
            try Response.json(["id": context.parameters.get("id") ?? ""])
        }
        router.get("/test/context") { _, context -> Response in
            try Response.json(["request_id": context.requestID, "api_key_id": context.apiKeyID ?? ""])
        }
        router.get("/test/fail") { _, _ -> Response in
            struct Secret: Error { let detail = "database password is hunter2" }
            throw Secret()
        }
    }
}

func makeServer(
    _ settings: HTTPSettings = HTTPSettings(),
    groups: [any APIRouteGroup] = [TestRoutes()],
    readiness: ReadinessRegistry = ReadinessRegistry()
) -> APIServer {
    APIServer(settings: settings, routeGroups: groups, readiness: readiness)
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The decoded JSON body as a dictionary.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// The `error` object of an error body.
    var error: [String: Any] {
        json["error"] as? [String: Any] ?? [:]
    }
}

func bearer(_ key: String) -> HTTPFields {
    [.authorization: "Bearer \(key)"]
}

func jsonBody(_ text: String) -> ByteBuffer {
    ByteBuffer(string: text)
}

let jsonHeaders: HTTPFields = [.contentType: "application/json"]
