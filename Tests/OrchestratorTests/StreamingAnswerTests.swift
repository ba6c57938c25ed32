import Orchestrator
import OrchestratorLLM
import Sandbox
import Synchronization
import Testing
import TestKit

/// `streamAnswer`: the phrased answer's tokens arrive as `answer_delta` events while the upstream streams.
@Suite struct StreamingAnswerTests {
    static let plan = "let w = weather(city: \"Paris\");\nreturn w.temp_c;"

    func run(_ replies: [FakeOpenAIServer.Reply], stream: Bool = true) async throws -> (QueryOutcome, [PipelineEvent], FakeOpenAIServer) {
        let server = try FakeOpenAIServer()
        for reply in replies { server.enqueue(reply) }
        let (orchestrator, _) = try makeOrchestrator(model: try fakeServerModel(server, attempts: 1))
        var request = QueryRequest(query: "How warm is Paris?", answer: true)
        request.streamAnswer = stream
        let log = EventLog()
        let outcome = await orchestrator.run(request, sink: log)
        return (outcome, log.events.withLock { $0 }, server)
    }

    @Test func answerTokensAreEmittedAsTheyArrive() async throws {
        let (outcome, events, server) = try await run([.chat(Self.plan), .stream(["It is ", "21.5", " degrees."])])
        #expect(outcome.error == nil)
        let deltas = events.filter { $0.kind == .answerDelta }.compactMap { event -> String? in
            if case .string(let text)? = event["delta"] { return text }
            return nil
        }
        #expect(deltas == ["It is ", "21.5", " degrees."])
        #expect(outcome.answer == "It is 21.5 degrees.")
        #expect(events.map(\.kind.rawValue).suffix(4) == ["answer_delta", "answer_delta", "answer_delta", "answer"])
        #expect(!outcome.events.contains { $0.kind == .answerDelta })  // deltas go to the sink only
        #expect(server.requests.last?.body.contains(#""stream":true"#) == true)
        #expect(outcome.usage.completionTokens == 5 + 3)  // the plan's usage plus the stream's last chunk
        await server.stop()
    }

    @Test func withoutStreamingTheAnswerIsOneCall() async throws {
        let (outcome, events, server) = try await run([.chat(Self.plan), .chat("It is 21.5 degrees.")], stream: false)
        #expect(outcome.answer == "It is 21.5 degrees.")
        #expect(!events.contains { $0.kind == .answerDelta })
        #expect(server.requests.last?.body.contains(#""stream":true"#) == false)
        await server.stop()
    }

    @Test func aTruncatedAnswerStreamEndsInACleanError() async throws {
        let (outcome, events, server) = try await run([.chat(Self.plan), .stream(["It is ", "21"], truncated: true)])
        let error = try #require(outcome.error)
        #expect(error.code == .llm)
        #expect(error.message.contains("truncatedStream"))
        #expect(outcome.answer == nil)
        #expect(events.filter { $0.kind == .answerDelta }.count == 2)
        #expect(events.last?.kind == .error)
        #expect(outcome.modelCalls.last?.ok == false)
        await server.stop()
    }
}
