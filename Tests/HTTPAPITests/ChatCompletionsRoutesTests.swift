import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ChatCompletionsRoutesTests {
    @Test func modelsListsTheFacadeModel() async throws {
        try await queryServer(try queryService()).makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/models", method: .get) { response in
                #expect(response.status == .ok)
                let data = response.json["data"] as? [[String: Any]]
                #expect(data?.first?["id"] as? String == "quiver")
                #expect(response.json["object"] as? String == "list")
            }
        }
    }

    @Test func chatCompletionAnswersInOpenAIShape() async throws {
        try await queryServer(try queryService()).makeApplication().test(.router) { client in
            let body = #"{"model":"quiver","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"How warm is Paris?"}]}]}"#
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: jsonHeaders, body: jsonBody(body)) { response in
                #expect(response.status == .ok)
                let json = response.json
                #expect(json["object"] as? String == "chat.completion")
                #expect((json["id"] as? String)?.hasPrefix("chatcmpl-") == true)
                let choice = (json["choices"] as? [[String: Any]])?.first
                #expect((choice?["message"] as? [String: Any])?["content"] as? String == "It is 21.5 degrees.")
                #expect(choice?["finish_reason"] as? String == "stop")
                #expect((json["usage"] as? [String: Any])?["total_tokens"] as? Int == 120)
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: jsonHeaders,
                                     body: jsonBody(#"{"model":"gpt-4","messages":[{"role":"user","content":"hi"}]}"#)) { response in
                #expect(response.status == .notFound)
                #expect(response.error["type"] as? String == "model_not_found")
            }
        }
    }

    @Test func chatCompletionStreamsChunksAndDone() async throws {
        try await queryServer(try queryService()).makeApplication().test(.router) { client in
            let body = #"{"model":"quiver","stream":true,"messages":[{"role":"user","content":"How warm is Paris?"}]}"#
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: jsonHeaders, body: jsonBody(body)) { response in
                #expect(response.status == .ok)
                let data = response.text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
                #expect(data.last == "[DONE]")
                let chunks = data.dropLast().compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                #expect(chunks.count == 3)
                #expect(chunks.allSatisfy { $0["object"] as? String == "chat.completion.chunk" })
                let text = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String }.joined()
                #expect(text == "It is 21.5 degrees.")
                #expect((chunks.last?["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String == "stop")
            }
        }
    }
}
