import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import LLMClient
import Orchestrator
import OrchestratorLLM
import Testing
import TestKit

/// Streamed answers through the routes, with the planner's LLM an in-process fake OpenAI server in
/// streaming mode: `/v1/query`'s `answer_delta` events and the facade's `chat.completion.chunk` deltas.
@Suite struct AnswerStreamingRoutesTests {
    static let plan = "let w = weather(city: \"Paris\");\nreturn {\"temp_c\": w.temp_c};"

    func service(_ server: FakeOpenAIServer) throws -> QueryService {
        var retry = LLMRetryPolicy()
        retry.maxAttempts = 1
        let configuration = LLMConfiguration(baseURL: server.baseURL, model: "fake", requestTimeout: .seconds(10), retry: retry)
        return try queryService(model: LLMChatModel(client: try LLMClient(configuration: configuration)))
    }

    /// The `data:` lines of an event stream.
    func data(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    func deltas(_ text: String) -> [String] {
        data(text).compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String }
    }

    @Test func queryStreamsAnswerDeltas() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.chat(Self.plan), .stream(["It is ", "21.5", " degrees."]))
        let headers: HTTPFields = [.contentType: "application/json", .accept: "text/event-stream"]
        try await queryServer(try service(server)).makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/query", method: .post, headers: headers,
                                     body: jsonBody(#"{"query":"How warm is Paris?","answer":true}"#)) { response in
                let names = response.text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
                #expect(names == ["ranked", "plan", "call_started", "call_finished", "result", "answer_delta", "answer_delta", "answer_delta", "answer", "done"])
                #expect(response.text.contains(#""type":"answer_delta","elapsed_ms":"#))
                #expect(response.text.contains(#""delta":"21.5"}"#))
                #expect(response.text.contains(#""answer":"It is 21.5 degrees.""#))
            }
        }
        #expect(server.requests.last?.body.contains(#""stream":true"#) == true)
        await server.stop()
    }

    @Test func queryWithATruncatedAnswerStreamEndsWithAnErrorEvent() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.chat(Self.plan), .stream(["It is "], truncated: true))
        let headers: HTTPFields = [.contentType: "application/json", .accept: "text/event-stream"]
        try await queryServer(try service(server)).makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/query", method: .post, headers: headers,
                                     body: jsonBody(#"{"query":"How warm is Paris?","answer":true}"#)) { response in
                let names = response.text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
                #expect(names.suffix(2) == ["error", "done"])
                #expect(!names.contains("answer"))
                #expect(response.text.contains("truncatedStream"))
            }
        }
        await server.stop()
    }

    @Test func facadeStreamsTokensAsChunks() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.chat(Self.plan), .stream(["It is ", "21.5", " degrees."]))
        try await queryServer(try service(server)).makeApplication().test(.router) { client in
            let body = #"{"model":"quiver","stream":true,"messages":[{"role":"user","content":"How warm is Paris?"}]}"#
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: jsonHeaders, body: jsonBody(body)) { response in
                #expect(response.status == .ok)
                #expect(deltas(response.text) == ["", "It is ", "21.5", " degrees."])  // the role chunk, then one chunk per token
                let lines = data(response.text)
                #expect(lines.last == "[DONE]")
                #expect(lines.dropLast().last?.contains(#""finish_reason":"stop""#) == true)
                #expect(lines.dropLast().last?.contains(#""usage":{"prompt_tokens":"#) == true)
            }
        }
        await server.stop()
    }

    @Test func facadeWithATruncatedStreamEndsWithAnErrorObject() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.chat(Self.plan), .stream(["It is "], truncated: true))
        try await queryServer(try service(server)).makeApplication().test(.router) { client in
            let body = #"{"model":"quiver","stream":true,"messages":[{"role":"user","content":"How warm is Paris?"}]}"#
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: jsonHeaders, body: jsonBody(body)) { response in
                let lines = data(response.text)
                #expect(lines.last == "[DONE]")
                let last = try #require(lines.dropLast().last)
                let error = (try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])?["error"] as? [String: Any]
                #expect(error?["type"] as? String == "llm_error")
                #expect((error?["message"] as? String)?.contains("truncatedStream") == true)
                #expect(deltas(response.text) == ["", "It is "])
            }
        }
        await server.stop()
    }
}
