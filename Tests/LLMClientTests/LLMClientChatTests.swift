import CurlHTTP
import LLMClient
import Testing
import TestKit

func makeClient(_ server: FakeOpenAIServer, _ adjust: (inout LLMConfiguration) -> Void = { _ in }) throws -> LLMClient {
    var configuration = LLMConfiguration(baseURL: server.baseURL, model: "test-model", apiKey: "sk-test")
    configuration.retry = LLMRetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(100))
    adjust(&configuration)
    return try LLMClient(configuration: configuration)
}

@Suite struct LLMClientChatTests {
    @Test func completionSendsTheRequestAndReadsUsage() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.chat("hello there", promptTokens: 12, completionTokens: 3))
        let client = try makeClient(server) {
            $0.extraHeaders = [("X-Team", "quiver")]
            $0.apiVersion = "2024-06-01"
        }
        let schema = JSONValue.object([("type", .string("object")),
                                       ("properties", .object([("b", .object([("type", .string("string"))])), ("a", .object([("type", .string("integer"))]))]))])
        let request = ChatRequest(messages: [.system("be brief"), .user("say \"hi\"\n")], temperature: 0.2, maxTokens: 32,
                                  stop: ["\n\n"], responseFormat: .jsonSchema(name: "plan", schema: schema, strict: true), grammar: "root ::= \"x\"")
        let answer = try await client.complete(request)
        #expect(answer.content == "hello there")
        #expect(answer.finishReason == "stop")
        #expect(answer.usage == TokenUsage(promptTokens: 12, completionTokens: 3, totalTokens: 15))
        #expect(answer.attempts == 1)
        let sent = try #require(server.requests.first)
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.query == "api-version=2024-06-01")
        #expect(sent.header("Authorization") == "Bearer sk-test")
        #expect(sent.header("X-Team") == "quiver")
        #expect(sent.header("Content-Type") == "application/json")
        #expect(sent.body.contains(#""model":"test-model""#))
        #expect(sent.body.contains(#"{"role":"user","content":"say \"hi\"\n"}"#))
        #expect(sent.body.contains(#""temperature":0.2,"max_tokens":32,"stop":["\n\n"]"#))
        #expect(sent.body.contains(#""response_format":{"type":"json_schema","json_schema":{"name":"plan","schema":{"type":"object","properties":{"b":{"type":"string"},"a":{"type":"integer"}}},"strict":true}}"#))
        #expect(sent.body.contains(#""grammar":"root ::= \"x\"""#))
        await server.stop()
    }

    @Test func azureStyleKeyHeader() async throws {
        let server = try FakeOpenAIServer()
        let client = try makeClient(server) {
            $0.authHeader = "api-key"
            $0.apiVersion = "2024 06"
        }
        _ = try await client.complete(ChatRequest(messages: [.user("x")]))
        let sent = try #require(server.requests.first)
        #expect(sent.header("api-key") == "sk-test")
        #expect(sent.header("Authorization") == nil)
        #expect(sent.query == "api-version=2024%2006")
        await server.stop()
    }

    @Test func rateLimitHonoursRetryAfterThenSucceeds() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(429, body: #"{"error":{"message":"slow down"}}"#, headers: [("Retry-After", "1")]), .chat("done"))
        let client = try makeClient(server)
        let answer = try await client.complete(ChatRequest(messages: [.user("x")]))
        #expect(answer.content == "done")
        #expect(answer.attempts == 2)
        let times = server.requests.map(\.at)
        #expect(times.count == 2)
        let gap = times[1] - times[0]
        #expect(gap >= .milliseconds(950))
        #expect(gap < .seconds(8))  // honoured Retry-After: 1, not a long backoff (loose for loaded machines)
        await server.stop()
    }

    @Test func retryAfterLongerThanAllowedFailsAtOnce() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(429, body: "{}", headers: [("Retry-After", "120")]))
        let client = try makeClient(server) { $0.retry.maxRetryAfter = .seconds(5) }
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfter == .seconds(120))
        #expect(error?.message.contains("maxRetryAfter") == true)
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func serverErrorThenSuccess() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(500, body: #"{"error":{"message":"overloaded"}}"#), .chat("recovered"))
        let client = try makeClient(server)
        let answer = try await client.complete(ChatRequest(messages: [.user("x")]))
        #expect(answer.content == "recovered")
        #expect(answer.attempts == 2)
        await server.stop()
    }

    @Test func serverErrorsExhaustTheAttempts() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(503, body: "{}"), .status(502, body: "{}"), .status(500, body: #"{"error":{"message":"down"}}"#))
        let client = try makeClient(server)
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .server)
        #expect(error?.status == 500)
        #expect(error?.attempts == 3)
        #expect(error?.message.contains("down") == true)
        #expect(server.requests.count == 3)
        await server.stop()
    }

    @Test func timeoutIsRetriedThenReported() async throws {
        let server = try FakeOpenAIServer()
        let answerDelay = Duration.seconds(30)
        server.enqueue(.slow(answerDelay, .chat("late")), .slow(answerDelay, .chat("late")))
        let client = try makeClient(server) {
            $0.requestTimeout = .milliseconds(300)
            $0.retry.maxAttempts = 2
        }
        let start = ContinuousClock.now
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        let elapsed = ContinuousClock.now - start
        #expect(error?.code == .timeout)
        // Attempts counted, not timed: the client reports two, and the server saw two requests.
        #expect(error?.attempts == 2)
        let requests = server.requests
        #expect(requests.count == 2)
        // Each attempt was abandoned by the client's timeout, not ended by an answer: the second request
        // arrived before the first answer was due, and the whole call ended before any answer was due.
        // A client that waited for an answer needs at least 30 s, so neither check depends on the load.
        if requests.count == 2 { #expect(requests[1].at - requests[0].at < answerDelay) }
        #expect(elapsed < answerDelay, "took \(elapsed)")
        await server.stop()
    }

    @Test func garbageJSONIsInvalidResponseAndNotRetried() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.garbage("<html>oops</html>"))
        let client = try makeClient(server)
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .invalidResponse)
        #expect(error?.body == "<html>oops</html>")
        #expect(server.requests.count == 1)
        server.enqueue(.garbage(#"{"choices":[{"message":{"content":5}}]}"#))
        let typed = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(typed?.code == .invalidResponse)
        #expect(typed?.message.contains("$.choices[0].message.content") == true)
        await server.stop()
    }

    @Test func badRequestIsNotRetried() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(400, body: #"{"error":{"message":"max_tokens is too large"}}"#))
        let client = try makeClient(server)
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .badRequest)
        #expect(error?.status == 400)
        #expect(error?.body?.contains("max_tokens is too large") == true)
        #expect(error?.attempts == 1)
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func llamaCppValidation500IsFinal() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(500, body: #"{"error":{"code":500,"message":"JSON schema conversion failed: Unrecognized schema","type":"server_error"}}"#))
        let client = try makeClient(server)
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .badRequest)
        #expect(error?.status == 500)
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func connectFailureIsRetriedThenReported() async throws {
        let server = try FakeOpenAIServer()
        await server.stop()
        let client = try makeClient(server) { $0.retry.maxAttempts = 2 }
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .connect)
        #expect(error?.attempts == 2)
    }

    @Test func droppedConnectionIsRetried() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.drop, .chat("second"))
        let client = try makeClient(server)
        let answer = try await client.complete(ChatRequest(messages: [.user("x")]))
        #expect(answer.content == "second")
        #expect(answer.attempts == 2)
        await server.stop()
    }

    @Test func cancellationStopsWaiting() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.slow(.seconds(30), .chat("late")))
        let client = try makeClient(server)
        let start = ContinuousClock.now
        let task = Task { try await client.complete(ChatRequest(messages: [.user("x")])) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - start < .seconds(10))  // the answer would take 30 s
        if case .failure(let error as LLMError) = result { #expect(error.code == .cancelled) } else { Issue.record("expected cancelled, got \(result)") }
        await server.stop()
    }
}

@Suite struct LLMClientRetryWaitTests {
    @Test func cancellationDuringBackoffStopsRetrying() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(503, body: "{}", headers: [("Retry-After", "10")]))
        let client = try makeClient(server)
        let start = ContinuousClock.now
        let task = Task { try await client.complete(ChatRequest(messages: [.user("x")])) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - start < .seconds(8))  // Retry-After asked for 10 s
        if case .failure(let error as LLMError) = result { #expect(error.code == .cancelled) } else { Issue.record("expected cancelled, got \(result)") }
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func connectionsAreReusedAcrossCalls() async throws {
        let server = try FakeOpenAIServer()
        let client = try makeClient(server)
        for _ in 0..<5 { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        _ = try await client.embed(["a", "b"])
        #expect(server.requests.count == 6)
        #expect(server.acceptedConnections == 1)
        await server.stop()
    }
}
