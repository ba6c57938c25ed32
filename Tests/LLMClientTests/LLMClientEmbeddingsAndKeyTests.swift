import LLMClient
import Testing
import TestKit

#if canImport(Glibc)
import Glibc
#endif

@Suite struct LLMClientEmbeddingsAndKeyTests {
    @Test func embeddingsAreBatchedAndOrdered() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.embeddings(reversed: false), .embeddings(reversed: true), .embeddings(reversed: false))
        let client = try makeClient(server) {
            $0.embeddingsBatchSize = 2
            $0.embeddingsModel = "embed-model"
        }
        let inputs = ["a", "bb", "ccc", "dddd", "eeeee"]
        let result = try await client.embed(inputs)
        #expect(server.requests.count == 3)
        #expect(result.vectors.map { $0[0] } == [1, 2, 3, 4, 5])
        #expect(result.vectors.map { $0[1] } == [0, 1, 0, 1, 0])
        #expect(result.usage == TokenUsage(promptTokens: 10, completionTokens: 0, totalTokens: 10))
        #expect(server.requests.allSatisfy { $0.path == "/v1/embeddings" && $0.body.contains(#""model":"embed-model""#) })
        #expect(try await client.embed([]).vectors.isEmpty)
        let unit = try await client.embed(["abc"], normalize: true).vectors[0]  // [3, 0, 1] scaled
        #expect(abs(unit.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        #expect(abs(unit[0] - 3 / Float(10).squareRoot()) < 1e-5)
        await server.stop()
    }

    @Test func embeddingsCountMismatchIsInvalid() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.status(200, body: #"{"data":[{"embedding":[1.0],"index":0}]}"#))
        let client = try makeClient(server)
        let error = await #expect(throws: LLMError.self) { _ = try await client.embed(["a", "b"]) }
        #expect(error?.code == .invalidResponse)
        #expect(error?.message.contains("asked for 2 vectors, got 1") == true)
        await server.stop()
    }

    @Test func keyFileIsReReadWhenItChanges() async throws {
        let server = try FakeOpenAIServer()
        let path = "/tmp/quiver-llm-key-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try writeFile(path, "first-key\n")
        defer { unlink(path) }
        let client = try makeClient(server) {
            $0.apiKey = "ignored"
            $0.apiKeyFile = path
        }
        _ = try await client.complete(ChatRequest(messages: [.user("x")]))
        _ = try await client.complete(ChatRequest(messages: [.user("x")]))
        try writeFile(path + ".new", "rotated-key-2")
        #expect(rename(path + ".new", path) == 0)
        _ = try await client.complete(ChatRequest(messages: [.user("x")]))
        let keys = server.requests.map { $0.header("Authorization") }
        #expect(keys == ["Bearer first-key", "Bearer first-key", "Bearer rotated-key-2"])
        unlink(path)
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains(path) == true)
        await server.stop()
    }
}

func writeFile(_ path: String, _ text: String) throws {
    guard let file = fopen(path, "w") else { throw TestServerError("cannot open \(path)") }
    defer { fclose(file) }
    guard fputs(text, file) >= 0 else { throw TestServerError("cannot write \(path)") }
}

@Suite struct LLMClientLimitTests {
    @Test func oversizedKeyFileIsRejected() async throws {
        let server = try FakeOpenAIServer()
        let path = "/tmp/quiver-llm-bigkey-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try writeFile(path, String(repeating: "k", count: 70_000))
        defer { unlink(path) }
        let client = try makeClient(server) { $0.apiKeyFile = path }
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("65536") == true)
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test func responseLargerThanTheCapIsInvalid() async throws {
        let server = try FakeOpenAIServer()
        server.enqueue(.chat(String(repeating: "x", count: 5000)))
        let client = try makeClient(server) { $0.maxResponseBytes = 1000 }
        let error = await #expect(throws: LLMError.self) { _ = try await client.complete(ChatRequest(messages: [.user("x")])) }
        #expect(error?.code == .invalidResponse)
        #expect(error?.message.contains("1000") == true)
        #expect(server.requests.count == 1)
        await server.stop()
    }
}
