import CurlHTTP
import LLMClient
import Testing
import TestKit

@Suite struct LLMClientStreamTests {
    @Test func streamYieldsDeltasFinishAndUsage() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.stream(["Hel", "lo", " world"]))
        let client = try makeClient(server)
        let stream = try await client.stream(ChatRequest(messages: [.user("x")]))
        var deltas: [String] = []
        var usage: TokenUsage?
        var finish: String?
        for try await chunk in stream {
            if !chunk.content.isEmpty { deltas.append(chunk.content) }
            usage = chunk.usage ?? usage
            finish = chunk.finishReason ?? finish
        }
        #expect(deltas == ["Hel", "lo", " world"])
        #expect(finish == "stop")
        #expect(usage == TokenUsage(promptTokens: 7, completionTokens: 3, totalTokens: 10))
        let sent = try #require(server.requests.first)
        #expect(sent.body.contains(#""stream":true,"stream_options":{"include_usage":true}"#))
        #expect(sent.header("Accept") == "text/event-stream")
        // The connection is reused for the next call.
        let next = try await client.stream(ChatRequest(messages: [.user("y")])).collect()
        #expect(next.content == "ok")
        #expect(server.acceptedConnections == 1)
        await server.stop()
    }

    @Test func truncatedStreamIsAnError() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.stream(["Hel", "lo"], truncated: true))
        let client = try makeClient(server)
        let stream = try await client.stream(ChatRequest(messages: [.user("x")]))
        var received = ""
        let error = await #expect(throws: LLMError.self) {
            for try await chunk in stream { received += chunk.content }
        }
        #expect(error?.code == .truncatedStream)
        #expect(received == "Hello")
        await server.stop()
    }

    @Test func streamStartIsRetriedOn429() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(429, body: "{}", headers: [("Retry-After", "0")]), .stream(["a", "b"]))
        let client = try makeClient(server)
        let answer = try await client.stream(ChatRequest(messages: [.user("x")])).collect()
        #expect(answer.content == "ab")
        #expect(server.requests.count == 2)
        await server.stop()
    }

    @Test func streamBadRequestIsThrownWithBody() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(401, body: #"{"error":{"message":"bad key"}}"#))
        let client = try makeClient(server)
        let error = await #expect(throws: LLMError.self) { _ = try await client.stream(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .badRequest)
        #expect(error?.status == 401)
        #expect(error?.message.contains("bad key") == true)
        await server.stop()
    }

    @Test func stalledStreamHitsTheIdleTimeout() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.stream(["a"], truncated: false))
        // Deltas arrive 1 ms apart; the stall is simulated with a slow reply whose head comes late instead.
        server.enqueue(.slow(.seconds(4), .stream(["late"])))
        let client = try makeClient(server) {
            $0.streamIdleTimeout = .milliseconds(500)
            $0.retry.maxAttempts = 1
        }
        #expect(try await client.stream(ChatRequest(messages: [.user("x")])).collect().content == "a")
        let error = await #expect(throws: LLMError.self) { _ = try await client.stream(ChatRequest(messages: [.user("x")])).collect() }
        #expect(error?.code == .timeout)
        await server.stop()
    }
}
