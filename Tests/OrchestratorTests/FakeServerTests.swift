import Orchestrator
import OrchestratorLLM
import Sandbox
import Testing
import TestKit

/// The pipeline against an in-process OpenAI-compatible server replaying scripted answers.
@Suite struct FakeServerTests {
    static let plan = "let w = weather(city: \"Paris\");\nreturn w.temp_c;"

    func run(_ replies: [FakeOpenAIServer.Reply], attempts: Int = 3, timeout: Duration = .seconds(10), streaming: Bool = false,
             maxRepairs: Int = 2) async throws -> (QueryOutcome, FakeOpenAIServer, FakeExecutor) {
        let server = try FakeOpenAIServer()
        for reply in replies { server.enqueue(reply) }
        let model = try fakeServerModel(server, attempts: attempts, timeout: timeout, streaming: streaming)
        let (orchestrator, executor) = try makeOrchestrator(model: model, maxRepairs: maxRepairs)
        let outcome = await orchestrator.run(QueryRequest(query: "How warm is Paris?"))
        return (outcome, server, executor)
    }

    @Test func aPlanThatParses() async throws {
        let (outcome, server, _) = try await run([.chat(Self.plan, promptTokens: 321, completionTokens: 17)])
        #expect(outcome.error == nil)
        #expect(outcome.resultJSON == "21.5")
        #expect(outcome.usage.promptTokens == 321 && outcome.usage.completionTokens == 17)
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.body.contains(#""model":"fake""#) == true)
        await server.stop()
    }

    @Test func aPlanThatNeedsARepair() async throws {
        let (outcome, server, _) = try await run([.chat("return w.temp_c;"), .chat(Self.plan)])
        #expect(outcome.resultJSON == "21.5")
        #expect(outcome.repairs == 1)
        #expect(server.requests.count == 2)
        #expect(server.requests.last?.body.contains("undefined") == true || server.requests.last?.body.contains("1:8") == true)
        await server.stop()
    }

    @Test func aPlanThatNeverBecomesValid() async throws {
        let (outcome, server, executor) = try await run([.chat("return x;"), .chat("return y;"), .chat("return z;")], maxRepairs: 2)
        #expect(outcome.error?.code == .planInvalid)
        #expect(server.requests.count == 3)
        #expect(executor.callCount == 0)
        await server.stop()
    }

    @Test func rateLimitedWithRetryAfterThenServed() async throws {
        let start = ContinuousClock.now
        let (outcome, server, _) = try await run([
            .status(429, body: #"{"error":{"message":"slow down"}}"#, headers: [("Retry-After", "1")]), .chat(Self.plan),
        ])
        #expect(outcome.error == nil)
        #expect(outcome.resultJSON == "21.5")
        #expect(ContinuousClock.now - start >= .milliseconds(900))
        #expect(outcome.modelCalls.first?.attempts == 2)
        #expect(server.requests.count == 2)
        // The retry honoured Retry-After: 1 s between the two requests as the server saw them (a lower bound,
        // which a loaded machine can only lengthen).
        if server.requests.count == 2 { #expect(server.requests[1].at - server.requests[0].at >= .milliseconds(900)) }
        await server.stop()
    }

    @Test func serverErrorThenSuccess() async throws {
        let (outcome, server, _) = try await run([.status(500, body: #"{"error":{"message":"boom"}}"#), .chat(Self.plan)])
        #expect(outcome.resultJSON == "21.5")
        #expect(outcome.modelCalls.first?.attempts == 2)
        await server.stop()
    }

    @Test func aTimeoutIsACleanError() async throws {
        let (outcome, server, executor) = try await run([.slow(.seconds(10), .chat(Self.plan))], attempts: 1, timeout: .milliseconds(300))
        let error = try #require(outcome.error)
        #expect(error.code == .llm)
        #expect(error.message.contains("timeout"))
        #expect(outcome.usage.llmMilliseconds < 8000)  // far below the 10 s reply, with slack for a loaded machine
        #expect(executor.callCount == 0)
        await server.stop()
    }

    @Test func aTruncatedStreamIsACleanError() async throws {
        let (outcome, server, _) = try await run([.stream(["let w = ", "weather("], truncated: true)], attempts: 1, streaming: true)
        let error = try #require(outcome.error)
        #expect(error.code == .llm)
        #expect(error.message.contains("truncatedStream"))
        await server.stop()
    }

    @Test func aStreamedPlanWorks() async throws {
        let (outcome, server, _) = try await run([.stream(["let w = weather(", "city: \"Paris\");\n", "return w.temp_c;"])], streaming: true)
        #expect(outcome.resultJSON == "21.5")
        await server.stop()
    }

    @Test func garbageJSONIsACleanError() async throws {
        let (outcome, server, _) = try await run([.garbage("<html>not json</html>")], attempts: 1)
        let error = try #require(outcome.error)
        #expect(error.code == .llm)
        #expect(error.message.contains("invalidResponse"))
        #expect(outcome.events.last?.kind == .error)
        await server.stop()
    }
}
