import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ErrorResponseTests {
    @Test func unknownRouteIs404WithJSONError() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/nope/at/all", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(response.error["type"] as? String == "not_found")
                #expect((response.error["message"] as? String)?.contains("/nope/at/all") == true)
            }
        }
    }

    @Test func wrongMethodOnKnownPathIsJSONError() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/health", method: .delete) { response in
                #expect(response.status.code == 404 || response.status.code == 405)
                #expect(response.error["type"] != nil)
                #expect(response.error["message"] != nil)
            }
        }
    }

    @Test func bodyOverLimitIs413() async throws {
        let server = makeServer(HTTPSettings(bodyLimitBytes: 64))
        let big = String(repeating: "x", count: 200)
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/echo", method: .post, headers: jsonHeaders, body: jsonBody(#"{"name":"\#(big)","count":1}"#)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.error["type"] as? String == "payload_too_large")
                #expect(response.error["limit_bytes"] as? Int == 64)
                #expect((response.error["message"] as? String)?.contains("64 bytes") == true)
            }
            // At the limit is fine.
            let exact = #"{"name":"a","count":1}"#
            try await client.execute(uri: "/test/echo", method: .post, headers: jsonHeaders, body: jsonBody(exact)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func malformedJSONIs400NamingLineAndColumn() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            let body = "{\n  \"name\": \"x\",\n  \"count\": }"
            try await client.execute(uri: "/test/echo", method: .post, headers: jsonHeaders, body: jsonBody(body)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["type"] as? String == "malformed_json")
                #expect(response.error["line"] as? Int == 3)
                #expect(response.error["column"] as? Int == 12)
                #expect(response.error["offset"] as? Int == 28)
                #expect((response.error["message"] as? String)?.contains("line 3, column 12") == true)
            }
        }
    }

    @Test func wrongShapeIs400NamingThePath() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/echo", method: .post, headers: jsonHeaders, body: jsonBody(#"{"name":"x","count":"three"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["type"] as? String == "invalid_request")
                #expect(response.error["path"] as? String == "$.count")
            }
            try await client.execute(uri: "/test/echo", method: .post, headers: jsonHeaders, body: jsonBody(#"{"name":"x"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect((response.error["message"] as? String)?.contains("'count' is missing") == true)
            }
        }
    }

    @Test func wrongContentTypeIs415() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/echo", method: .post, headers: [.contentType: "text/plain"], body: jsonBody("{}")) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.error["type"] as? String == "unsupported_media_type")
            }
        }
    }

    @Test func unmappedErrorIsOpaque500() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/fail", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.error["type"] as? String == "internal_error")
                #expect(!response.text.contains("hunter2"))
            }
        }
    }

    @Test func validRequestRoundTrips() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/echo", method: .post, headers: jsonHeaders, body: jsonBody(#"{"name":"x","count":3}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.json["count"] as? Int == 3)
            }
        }
    }
}
