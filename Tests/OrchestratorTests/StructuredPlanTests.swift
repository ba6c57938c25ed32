import Orchestrator
import OrchestratorLLM
import Sandbox
import Testing
import TestKit

/// Constraint mode `json_schema`: the schema sent as `response_format`, structured answers rendered to plans,
/// malformed ones repaired with their JSON path.
@Suite struct StructuredPlanTests {
    static let good = #"{"steps":[{"tool":"weather","args":{"city":"Paris"}}],"return":"step1.temp_c"}"#
    static let rendered = "let step1 = weather(city: \"Paris\");\nreturn step1.temp_c;"

    func run(_ replies: [FakeOpenAIServer.Reply], style: LLMChatModel.JSONSchemaStyle = .openai, constraint: OrchestratorSettings.ConstraintMode = .auto,
             maxRepairs: Int = 2) async throws -> (QueryOutcome, FakeOpenAIServer) {
        let server = try FakeOpenAIServer()
        for reply in replies { server.enqueue(reply) }
        let model = try fakeServerModel(server, attempts: 1, jsonSchemaStyle: style)
        let (orchestrator, _) = try makeOrchestrator(model: model, maxRepairs: maxRepairs, constraint: constraint)
        let outcome = await orchestrator.run(QueryRequest(query: "How warm is Paris?", tools: ["weather"]))
        return (outcome, server)
    }

    @Test func theRequestCarriesTheSchemaAndAStructuredAnswerBecomesAPlan() async throws {
        let (outcome, server) = try await run([.chat(Self.good)])
        #expect(outcome.error == nil)
        #expect(outcome.plan == Self.rendered)
        #expect(outcome.resultJSON == "21.5")
        #expect(outcome.events.first { $0.kind == .plan }?["constraint"].map { $0.serialized } == #""json_schema""#)
        let body = try #require(server.requests.first?.body)
        #expect(body.contains(#""response_format":{"type":"json_schema","json_schema":{"name":"quiver_plan","schema":{"type":"object""#))
        #expect(body.contains(#""strict":true"#))
        #expect(body.contains(#""tool":{"type":"string","enum":["weather"]}"#))
        #expect(body.contains(#""city":{"anyOf":[{"type":"string"},{"type":"object","properties":{"expr""#))
        #expect(!body.contains(#""enum":["add"]"#))  // only the chosen tools
        #expect(!body.contains(#""grammar""#))
        #expect(body.contains("step1"))  // the structured prompt
        await server.stop()
    }

    @Test func llamaCppStyleSendsJSONObjectWithSchema() async throws {
        let (outcome, server) = try await run([.chat(Self.good)], style: .llamaCpp)
        #expect(outcome.resultJSON == "21.5")
        #expect(server.requests.first?.body.contains(#""response_format":{"type":"json_object","schema":{"type":"object""#) == true)
        await server.stop()
    }

    @Test func autoWithoutSchemaSupportSendsNone() async throws {
        let (outcome, server) = try await run([.chat("let w = weather(city: \"Paris\");\nreturn w.temp_c;")], style: .none)
        #expect(outcome.resultJSON == "21.5")
        #expect(server.requests.first?.body.contains("response_format") == false)
        await server.stop()
    }

    @Test func anUnknownToolIsRepairedWithItsJSONPath() async throws {
        let bad = #"{"steps":[{"tool":"forecast","args":{"city":"Paris"}}],"return":"step1"}"#
        let (outcome, server) = try await run([.chat(bad), .chat(Self.good)])
        #expect(outcome.error == nil)
        #expect(outcome.repairs == 1)
        #expect(outcome.resultJSON == "21.5")
        let repair = try #require(outcome.events.first { $0.kind == .repair })
        #expect(repair["errors"]?.serialized.contains("$.steps[0].tool: unknown tool 'forecast' (use one of: weather)") == true)
        let second = try #require(server.requests.last?.body)
        #expect(second.contains("unknown tool 'forecast'"))
        #expect(second.contains("JSON only"))
        #expect(second.contains(#""role":"assistant","content":"{\"steps\""#))  // its own JSON answer is sent back
        await server.stop()
    }

    @Test func proseInsteadOfJSONIsRepaired() async throws {
        let (outcome, server) = try await run([.chat("The weather in Paris is nice."), .chat("```json\n" + Self.good + "\n```")])
        #expect(outcome.resultJSON == "21.5")
        #expect(server.requests.last?.body.contains("the answer is not JSON") == true)
        await server.stop()
    }

    @Test func aCheckerErrorIsReportedAtTheStep() async throws {
        let undefined = #"{"steps":[{"tool":"weather","args":{"city":"Paris"}}],"return":"step2.temp_c"}"#
        let (outcome, server) = try await run([.chat(undefined), .chat(Self.good)])
        #expect(outcome.repairs == 1)
        let repair = try #require(outcome.events.first { $0.kind == .repair })
        #expect(repair["errors"]?.serialized.contains("$.return (`return step2.temp_c;`): ") == true)
        #expect(repair["errors"]?.serialized.contains("step2") == true)
        await server.stop()
    }

    @Test func aStructuredPlanThatNeverBecomesValidFails() async throws {
        let (outcome, server) = try await run([.chat("[]"), .chat("{}")], maxRepairs: 1)
        let error = try #require(outcome.error)
        #expect(error.code == .planInvalid)
        #expect(error.kind == "structure")
        #expect(error.message.contains("$.steps: missing or not a list"))
        #expect(server.requests.count == 2)
        await server.stop()
    }

    @Test func explicitNoneModeSendsNoSchemaEvenWhenAccepted() async throws {
        let (_, server) = try await run([.chat("let w = weather(city: \"Paris\");\nreturn w.temp_c;")], constraint: .none)
        #expect(server.requests.first?.body.contains("response_format") == false)
        await server.stop()
    }
}

/// The schema and the structured form without a server.
@Suite struct PlanSchemaTests {
    @Test func optionalParametersAreNullableAndEnumsAreKept() throws {
        let convert = try tool(
            "convert", "Converts.",
            parameters: #"{"type":"object","properties":{"value":{"type":"number"},"unit":{"type":"string","enum":["km","mi"]},"digits":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}}},"required":["value","unit"],"additionalProperties":false}"#)
        let schema = PlanSchema.schema(tools: [convert], maxSteps: 3).serialized
        #expect(schema.contains(#""unit":{"anyOf":[{"type":"string","enum":["km","mi"]},{"type":"object""#))
        #expect(schema.contains(#""digits":{"anyOf":[{"type":"integer"},{"type":"object","properties":{"expr":{"type":"string","pattern":"^[^;\\n\"\\\\]+$"}},"required":["expr"],"additionalProperties":false},{"type":"null"}]}"#))
        #expect(schema.contains(#""tags":{"anyOf":[{"type":"array","items":{"type":"string"}}"#))
        #expect(schema.contains(#""required":["value","unit","digits","tags"]"#))
        #expect(schema.contains(#""maxItems":3"#))
    }

    @Test func argumentsRenderAsLiteralsOrExpressionsAndNullsAreOmitted() throws {
        let tools = try testTools().map(\.sandboxDescription)
        let answer = #"{"steps":[{"tool":"add","args":{"a":1.5,"b":{"expr":"input.n * 2"}}},{"tool":"weather","args":{"city":"Pa\"ris"}}],"return":"{\"sum\": step1.sum};"}"#
        let plan = try StructuredPlan.parse(answer, tools: tools)
        #expect(plan.source == "let step1 = add(a: 1.5, b: (input.n * 2));\nlet step2 = weather(city: \"Pa\\\"ris\");\nreturn {\"sum\": step1.sum};")
        let parsed = try Plan.parse(source: plan.source)
        #expect(parsed.check(tools: tools).errors.isEmpty)
    }

    @Test func tooManyStepsNameTheLimit() throws {
        let tools = try testTools().map(\.sandboxDescription)
        let step = #"{"tool":"weather","args":{"city":"Rome"}}"#
        let answer = #"{"steps":["# + Array(repeating: step, count: 3).joined(separator: ",") + #"],"return":"step1"}"#
        #expect(throws: StructuredPlanError.self) { try StructuredPlan.parse(answer, tools: tools, maxSteps: 2) }
        do {
            _ = try StructuredPlan.parse(answer, tools: tools, maxSteps: 2)
        } catch {
            #expect(error.description == "$.steps: 3 steps exceed maxPlanSteps (2)")
        }
    }

    @Test func unknownArgumentsAndBadShapesHavePaths() throws {
        let tools = try testTools().map(\.sandboxDescription)
        let cases: [(String, String)] = [
            (#"{"steps":[{"tool":"weather","args":{"town":"Paris"}}],"return":"step1"}"#, "$.steps[0].args.town: 'weather' has no parameter 'town'"),
            (#"{"steps":[{"tool":"weather","args":{"city":{"expr":""}}}],"return":"step1"}"#, "$.steps[0].args.city.expr: must be a non-empty string"),
            (#"{"steps":[],"return":"1; return 2"}"#, "$.return: must be one expression (no ';' or newline)"),
            (#"{"steps":[]}"#, "$.return: missing or not a string (a CEL expression such as \"step1\")"),
            (#"{"steps":[7],"return":"1"}"#, "$.steps[0]: expected an object {\"tool\": ..., \"args\": {...}}"),
        ]
        for (answer, message) in cases {
            #expect(throws: StructuredPlanError.self) { try StructuredPlan.parse(answer, tools: tools) }
            do {
                _ = try StructuredPlan.parse(answer, tools: tools)
            } catch {
                #expect(error.description == message)
            }
        }
    }
}
