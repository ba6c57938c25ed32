import Orchestrator
import Sandbox
import Testing

@Suite struct PipelineTests {
    @Test func aValidPlanRunsAndEveryStageIsReported() async throws {
        let model = ScriptedModel(["Here is the plan:\n```cel\nlet s = add(a: 2, b: 3);\nreturn {\"sum\": s.sum};\n```\nDone."])
        let (orchestrator, executor) = try makeOrchestrator(model: model)
        let log = EventLog()
        let outcome = await orchestrator.run(QueryRequest(query: "What is 2 + 3?"), sink: log)
        #expect(outcome.error == nil)
        #expect(outcome.resultJSON?.contains("\"sum\":5") == true)
        #expect(outcome.plan == "let s = add(a: 2, b: 3);\nreturn {\"sum\": s.sum};")
        #expect(log.kinds == ["ranked", "plan", "call_started", "call_finished", "result"])
        #expect(executor.callCount == 1)
        #expect(outcome.repairs == 0)
        #expect(outcome.trace.count == 1 && outcome.trace.first?.tool == "add")
        #expect(outcome.toolsConsidered.map(\.name) == ["add", "weather"])
        #expect(outcome.usage.promptTokens == 100 && outcome.usage.completionTokens == 20)
        let u = outcome.usage
        #expect(u.overheadMilliseconds >= 0)
        #expect(abs(u.totalMilliseconds - (u.llmMilliseconds + u.toolsMilliseconds + u.searchMilliseconds + u.overheadMilliseconds)) < 0.001)
        #expect(outcome.runID.hasPrefix("run_"))
        let json = outcome.json.serialized
        for key in ["\"run_id\"", "\"answer\":null", "\"result\":{\"sum\":5", "\"plan\"", "\"tools_considered\"", "\"trace\"", "\"repairs\":0",
                    "\"overhead_ms\"", "\"search_ms\"", "\"llm_ms\"", "\"tools_ms\"", "\"prompt_tokens\":100"] {
            #expect(json.contains(key), "missing \(key) in \(json)")
        }
        // The prompt carries the language, the tools' signatures and the query.
        let system = model.requests.first?.messages.first?.content ?? ""
        #expect(system.contains("let NAME = EXPRESSION;"))
        #expect(system.contains("- add(a: number, b: number) -> {sum: number}"))
        #expect(model.requests.first?.messages.last?.content.contains("What is 2 + 3?") == true)
    }

    @Test func aCheckErrorIsSentBackForRepair() async throws {
        let model = ScriptedModel([
            "let w = wether(city: \"Paris\");\nreturn w.temp_c;",
            "let w = weather(city: \"Paris\");\nreturn w.temp_c;",
        ])
        let (orchestrator, _) = try makeOrchestrator(model: model)
        let log = EventLog()
        let outcome = await orchestrator.run(QueryRequest(query: "How warm is Paris?"), sink: log)
        #expect(outcome.error == nil)
        #expect(outcome.resultJSON == "21.5")
        #expect(outcome.repairs == 1)
        #expect(log.kinds.prefix(3) == ["ranked", "repair", "plan"])
        let repairMessage = model.requests.last?.messages.last?.content ?? ""
        #expect(repairMessage.contains("1:9: unknown tool 'wether'"), "\(repairMessage)")
        #expect(model.requests.map(\.purpose) == ["plan", "repair"])
        #expect(outcome.modelCalls.count == 2)
    }

    @Test func aPlanThatNeverBecomesValidFailsAfterMaxRepairs() async throws {
        let model = ScriptedModel(["return nope(", "return nope(", "return nope(", "let x = 1; return x;"])
        let (orchestrator, executor) = try makeOrchestrator(model: model, maxRepairs: 2)
        let outcome = await orchestrator.run(QueryRequest(query: "anything"))
        let error = try #require(outcome.error)
        #expect(error.code == .planInvalid)
        #expect(error.message.contains("after 2 repairs (maxRepairs 2)"))
        #expect(error.line == 1)
        #expect(model.requests.count == 3)
        #expect(executor.callCount == 0)
        #expect(outcome.events.last?.kind == .error)
    }

    @Test func zeroRepairsMeansOneTry() async throws {
        let model = ScriptedModel(["return x;"])
        let (orchestrator, _) = try makeOrchestrator(model: model, maxRepairs: 0)
        let outcome = await orchestrator.run(QueryRequest(query: "anything"))
        #expect(outcome.error?.code == .planInvalid)
        #expect(model.requests.count == 1)
    }

    @Test func anAnswerIsPhrasedWhenAsked() async throws {
        let model = ScriptedModel(["let w = weather(city: \"Paris\");\nreturn w.temp_c;", "  It is 21.5 °C in Paris.  "])
        let (orchestrator, _) = try makeOrchestrator(model: model)
        let log = EventLog()
        let outcome = await orchestrator.run(QueryRequest(query: "How warm is Paris?", answer: true), sink: log)
        #expect(outcome.answer == "It is 21.5 °C in Paris.")
        #expect(log.kinds.last == "answer")
        #expect(model.requests.last?.purpose == "answer")
        #expect(model.requests.last?.messages.last?.content.contains("21.5") == true)
        #expect(outcome.usage.promptTokens == 200)
    }

    @Test func aFailingPlanIsAnExecutionErrorWithItsTrace() async throws {
        let model = ScriptedModel(["let s = add(a: 1, b: \"x\");\nreturn s.sum;"])
        let (orchestrator, _) = try makeOrchestrator(model: model)
        let outcome = await orchestrator.run(QueryRequest(query: "add"))
        let error = try #require(outcome.error)
        #expect(error.code == .execution)
        #expect(error.message.contains("a and b must be numbers"))
        #expect(outcome.trace.first?.status == .error)
    }

    @Test func contextIsTheInputMapAndRequestToolsReplaceRanking() async throws {
        let model = ScriptedModel(["let w = weather(city: input.city);\nreturn w.temp_c;"])
        let (orchestrator, _) = try makeOrchestrator(model: model)
        let outcome = await orchestrator.run(QueryRequest(query: "weather", contextJSON: #"{"city": "Paris"}"#, tools: ["weather"]))
        #expect(outcome.resultJSON == "21.5")
        #expect(outcome.toolsConsidered.map(\.name) == ["weather"])
        #expect(model.requests.first?.messages.last?.content.contains(#"input = {"city": "Paris"}"#) == true)
    }

    @Test func badRequestsFailBeforeAnyModelCall() async throws {
        let model = ScriptedModel([])
        let (orchestrator, _) = try makeOrchestrator(model: model)
        let cases: [(QueryRequest, String)] = [
            (QueryRequest(query: "  "), "query is empty"),
            (QueryRequest(query: "q", contextJSON: "[1]"), "context must be a JSON object"),
            (QueryRequest(query: "q", contextJSON: "{"), "context is not valid JSON"),
            (QueryRequest(query: "q", tools: ["nope"]), "unknown tools: nope"),
            (QueryRequest(query: "q", k: 0), "k = 0 is out of range"),
            (QueryRequest(query: String(repeating: "a", count: 9000)), "exceeds maxQueryBytes (8192)"),
        ]
        for (request, message) in cases {
            let outcome = await orchestrator.run(request)
            #expect(outcome.error?.code == .invalidRequest)
            #expect(outcome.error?.message.contains(message) == true, "\(outcome.error?.message ?? "") lacks \(message)")
        }
        #expect(model.requests.isEmpty)
    }

    @Test func requestLimitsOnlyLower() async throws {
        let model = ScriptedModel(["let a = add(a: 1, b: 2);\nlet b = add(a: 3, b: 4);\nreturn a.sum + b.sum;"])
        let (orchestrator, executor) = try makeOrchestrator(model: model, maxRepairs: 0)
        var limits = Limits()
        limits.maxToolCalls = 1
        let outcome = await orchestrator.run(QueryRequest(query: "q", limits: limits))
        #expect(outcome.error?.code == .planInvalid)
        #expect(outcome.error?.limit == "maxToolCalls")
        #expect(executor.callCount == 0)
        var loose = Limits()
        loose.maxToolCalls = 1000
        #expect(Limits().lowered(by: loose).maxToolCalls == 32)
    }

    @Test func grammarIsSentWhenOnAndOnlyNamesTheChosenTools() async throws {
        let model = ScriptedModel(["return 1;"], acceptsGrammar: false)
        let (orchestrator, _) = try makeOrchestrator(model: model, constraint: .grammar)
        _ = await orchestrator.run(QueryRequest(query: "q", tools: ["weather"]))
        let grammar = try #require(model.requests.first?.grammar)
        #expect(grammar.contains(#"tool-0 ::= "weather(""#))
        #expect(grammar.contains(#"tool-0-arg ::= ("city") ws ":" ws expr"#))
        #expect(!grammar.contains("add("))

        let auto = ScriptedModel(["return 1;"], acceptsGrammar: false)
        let (autoOrchestrator, _) = try makeOrchestrator(model: auto, constraint: .auto)
        _ = await autoOrchestrator.run(QueryRequest(query: "q"))
        #expect(auto.requests.first?.grammar == nil)
    }
}
