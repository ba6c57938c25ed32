import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    static let plainKey = "plain-key-0123456789"
    static let hashedKey = "hashed-key-abcdefghij"

    func server(metricsPublic: Bool = false) throws -> APIServer {
        let keys = try APIKeySet(keys: [Self.plainKey, APIKeySet.hashedForm(of: Self.hashedKey)])
        return makeServer(HTTPSettings(apiKeys: keys, metricsPublic: metricsPublic))
    }

    @Test func rightPlainKeyPasses() async throws {
        try await server().makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/context", method: .get, headers: bearer(Self.plainKey)) { response in
                #expect(response.status == .ok)
                let id = response.json["api_key_id"] as? String
                #expect(id?.hasPrefix("key_") == true)
                #expect(id?.contains(Self.plainKey) == false)
            }
        }
    }

    @Test func rightHashedKeyPasses() async throws {
        try await server().makeApplication().test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get, headers: bearer(Self.hashedKey)) { response in
                #expect(response.status == .ok)
            }
            // The stored hash itself is not a key.
            try await client.execute(uri: "/openapi.yaml", method: .get, headers: bearer(APIKeySet.hashedForm(of: Self.hashedKey))) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func wrongKeyIs401() async throws {
        try await server().makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/context", method: .get, headers: bearer("plain-key-0123456780")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.error["type"] as? String == "unauthorized")
                #expect(response.error["message"] as? String == "invalid API key")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(!response.text.contains("plain-key-0123456780"))
            }
        }
    }

    @Test func missingOrMalformedHeaderIs401() async throws {
        try await server().makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/context", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect((response.error["message"] as? String)?.contains("missing Authorization") == true)
            }
            try await client.execute(uri: "/test/context", method: .get, headers: [.authorization: "Basic \(Self.plainKey)"]) { response in
                #expect(response.status == .unauthorized)
                #expect((response.error["message"] as? String)?.contains("Bearer") == true)
            }
            // Unknown routes do not reveal themselves to unauthenticated clients.
            try await client.execute(uri: "/no/such/route", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func probesAreOpenAndMetricsFollowConfig() async throws {
        try await server(metricsPublic: false).makeApplication().test(.router) { client in
            for path in ["/health", "/ready"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: bearer(Self.plainKey)) { response in
                #expect(response.status == .ok)
            }
        }
        try await server(metricsPublic: true).makeApplication().test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("quiver_auth_failures_total") == false || response.text.contains("reason="))
            }
        }
    }

    @Test func authFailuresAreCounted() async throws {
        let server = try server(metricsPublic: true)
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/context", method: .get, headers: bearer("nope-nope-nope-nope")) { _ in }
            try await client.execute(uri: "/test/context", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.text.contains(#"quiver_auth_failures_total{reason="invalid"} 1"#))
                #expect(response.text.contains(#"quiver_auth_failures_total{reason="missing"} 1"#))
            }
        }
    }
}

@Suite struct APIKeySetTests {
    @Test func matchesPlainAndHashedKeysAndGivesStableIDs() throws {
        let set = try APIKeySet(keys: ["first-key-0123456789", APIKeySet.hashedForm(of: "second-key-0123456789")])
        let first = try #require(set.match("first-key-0123456789"))
        let second = try #require(set.match("second-key-0123456789"))
        #expect(first != second)
        #expect(set.match("first-key-0123456789") == first)
        #expect(set.match("") == nil)
        #expect(set.match("first-key-012345678") == nil)
    }

    @Test func uppercaseHexHashIsAccepted() throws {
        let hashed = APIKeySet.hashedForm(of: "uppercase-key-0123456789")
        let upper = "sha256:" + hashed.dropFirst(7).uppercased()
        let set = try APIKeySet(keys: [upper])
        #expect(set.match("uppercase-key-0123456789") != nil)
    }

    @Test(arguments: [
        ("", "empty"),
        ("short", "at least 16"),
        ("sha256:abc", "64 hex"),
        ("sha256:" + String(repeating: "g", count: 64), "64 hex"),
        ("has a space in it 12345", "printable ASCII"),
    ])
    func rejectsBadKeysWithoutEchoingThem(key: String, reason: String) {
        #expect {
            _ = try APIKeySet(keys: ["good-key-0123456789", key])
        } throws: { error in
            guard let error = error as? APIKeyError else { return false }
            return error.position == 2 && error.description.contains(reason) && (key.isEmpty || !error.description.contains(key))
        }
    }
}
