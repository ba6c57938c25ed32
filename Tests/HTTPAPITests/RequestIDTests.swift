import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct RequestIDTests {
    @Test func generatedWhenAbsent() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            let first = try await client.execute(uri: "/health", method: .get) { $0.headers[.xRequestID] }
            let second = try await client.execute(uri: "/health", method: .get) { $0.headers[.xRequestID] }
            let id = try #require(first)
            #expect(id.utf8.count == 32)
            #expect(id.allSatisfy { $0.isHexDigit })
            #expect(first != second)
        }
    }

    @Test func echoedWhenSentAndVisibleToHandlers() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/test/context", method: .get, headers: [.xRequestID: "trace-42.a:b_c"]) { response in
                #expect(response.headers[.xRequestID] == "trace-42.a:b_c")
                #expect(response.json["request_id"] as? String == "trace-42.a:b_c")
            }
        }
    }

    @Test func replacedWhenInvalid() async throws {
        let tooLong = String(repeating: "a", count: 129)
        try await makeServer().makeApplication().test(.router) { client in
            for bad in ["has space", "semi;colon", tooLong] {
                try await client.execute(uri: "/health", method: .get, headers: [.xRequestID: bad]) { response in
                    let id = response.headers[.xRequestID]
                    #expect(id != bad)
                    #expect(id?.utf8.count == 32)
                }
            }
        }
    }

    @Test func presentOnErrorResponses() async throws {
        try await makeServer().makeApplication().test(.router) { client in
            try await client.execute(uri: "/missing", method: .get, headers: [.xRequestID: "abc"]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.xRequestID] == "abc")
            }
        }
    }
}
