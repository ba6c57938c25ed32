import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Orchestrator
import Testing

@Suite struct QueryRoutesTests {
    @Test func queryAnswersJSON() async throws {
        let finished = FinishedRuns()
        let service = try queryService(finished: finished)
        try await queryServer(service).makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/query", method: .post, headers: jsonHeaders,
                                     body: jsonBody(#"{"query":"How warm is Paris?","answer":true}"#)) { response in
                #expect(response.status == .ok)
                let json = response.json
                #expect((json["run_id"] as? String)?.hasPrefix("run_") == true)
                #expect(json["answer"] as? String == "It is 21.5 degrees.")
                #expect((json["result"] as? [String: Any])?["temp_c"] as? Double == 21.5)
                #expect((json["plan"] as? String)?.contains("weather(city:") == true)
                #expect(((json["tools_considered"] as? [[String: Any]])?.first?["name"]) as? String == "weather")
                #expect((json["trace"] as? [[String: Any]])?.count == 1)
                #expect(json["repairs"] as? Int == 0)
                let usage = try #require(json["usage"] as? [String: Any])
                for key in ["prompt_tokens", "completion_tokens", "llm_ms", "tools_ms", "search_ms", "overhead_ms"] {
                    #expect(usage[key] != nil, "usage.\(key) missing")
                }
                #expect(usage["prompt_tokens"] as? Int == 100)
            }
        }
        #expect(finished.count == 1)
    }

    @Test func queryStreamsEvents() async throws {
        let service = try queryService()
        let headers: HTTPFields = [.contentType: "application/json", .accept: "text/event-stream"]
        try await queryServer(service).makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/query", method: .post, headers: headers, body: jsonBody(#"{"query":"How warm is Paris?"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                let names = response.text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { $0.dropFirst(7) }
                #expect(names == ["ranked", "plan", "call_started", "call_finished", "result", "done"])
                #expect(response.text.contains(#"data: {"type":"ranked""#))
                #expect(response.text.contains(#""result":{"temp_c":21.5}"#))
            }
        }
    }

    @Test func withoutAnLLMQueryIs503AndSaysHowToConfigureOne() async throws {
        let service = QueryService(orchestrator: nil)
        try await queryServer(service).makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/query", method: .post, headers: jsonHeaders, body: jsonBody(#"{"query":"q"}"#)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.error["type"] as? String == "llm_not_configured")
                let message = response.error["message"] as? String ?? ""
                for name in ["QUIVER_LLM_BASE_URL", "QUIVER_LLM_MODEL", "QUIVER_LLM_API_KEY", "QUIVER_LLM_API_KEY_FILE"] {
                    #expect(message.contains(name))
                }
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: jsonHeaders,
                                     body: jsonBody(#"{"model":"quiver","messages":[{"role":"user","content":"hi"}]}"#)) { response in
                #expect(response.status == .serviceUnavailable)
            }
            // Other routes are unaffected.
            try await client.execute(uri: "/health", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    @Test func badQueryBodiesAre400() async throws {
        let service = try queryService()
        try await queryServer(service).makeApplication().test(.router) { client in
            for body in [#"{"query":"q","context":[1]}"#, #"{"nope":1}"#, #"{"query":"q","limits":{"max_cost":0}}"#, #"{"query":"q","tools":["x"]}"#] {
                try await client.execute(uri: "/v1/query", method: .post, headers: jsonHeaders, body: jsonBody(body)) { response in
                    #expect(response.status == .badRequest, "\(body): \(response.text)")
                }
            }
        }
    }

    @Test func idempotencyKeyReturnsTheSameRun() async throws {
        let executor = WeatherExecutor()
        let service = try queryService(executor: executor)
        try await queryServer(service).makeApplication().test(.router) { client in
            var ids: [String] = []
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/query", method: .post, headers: jsonHeaders,
                                         body: jsonBody(#"{"query":"q","idempotency_key":"abc"}"#)) { response in
                    #expect(response.status == .ok)
                    ids.append(response.json["run_id"] as? String ?? "")
                }
            }
            #expect(ids.count == 2 && ids[0] == ids[1] && !ids[0].isEmpty)
            #expect(executor.callCount == 1)
            try await client.execute(uri: "/v1/query", method: .post, headers: jsonHeaders,
                                     body: jsonBody(#"{"query":"other","idempotency_key":"abc"}"#)) { response in
                #expect(response.status == .conflict)
            }
        }
    }

    @Test func invalidPlansAre422WithTheError() async throws {
        let service = try queryService(model: FixedPlanModel(plan: "return nope(city: 1);"))
        try await queryServer(service).makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/query", method: .post, headers: jsonHeaders, body: jsonBody(#"{"query":"q"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["type"] as? String == "plan_invalid")
                #expect(response.json["repairs"] as? Int == 2)
            }
        }
    }
}
