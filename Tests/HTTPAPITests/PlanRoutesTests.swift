import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Sandbox
import Testing

/// A test double: `double_it(x)` returns 2x after `delay`; `boom()` always fails.
struct DoublingExecutor: ToolExecutor {
    var delay: Duration = .milliseconds(20)
    var tools: [ToolDescription] {
        [ToolDescription(name: "double_it", parameters: [.init(name: "x", required: true)]), ToolDescription(name: "boom")]
    }

    func call(_ call: ToolCall) async throws -> Value {
        if call.tool == "boom" { throw ToolFailure("boom failed on purpose") }
        try await Task.sleep(for: delay)
        guard case .int(let x) = call.arguments["x"] ?? .null else { throw ToolFailure("$.x: expected an integer") }
        return .int(x * 2)
    }
}

@Suite struct PlanRoutesTests {
    static func server(limits: Limits = .default) -> APIServer {
        makeServer(groups: [PlanRoutes(service: PlanService(executor: DoublingExecutor(), limits: limits))])
    }

    @Test func runReturnsResultTraceAndUsage() async throws {
        let plan = "let a = double_it(x: input.n);\\nlet b = double_it(x: 10);\\nreturn a + b;"
        try await Self.server().makeApplication().test(.router) { client in
            try await client.execute(
                uri: "/v1/plans/run", method: .post, headers: jsonHeaders, body: jsonBody(#"{"plan": "\#(plan)", "input": {"n": 4}}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json["result"] as? Int == 28)
                let trace = try #require(response.json["trace"] as? [[String: Any]])
                #expect(trace.count == 2)
                #expect(Set(trace.compactMap { $0["tool"] as? String }) == ["double_it"])
                #expect(trace.allSatisfy { $0["status"] as? String == "ok" && ($0["duration_ms"] as? Double ?? -1) >= 0 })
                let usage = try #require(response.json["usage"] as? [String: Any])
                #expect(usage["calls"] as? Int == 2)
                #expect((usage["cost_units"] as? Int ?? -1) >= 0)
                #expect((usage["wall_ms"] as? Double ?? -1) > 0)
            }
        }
    }

    @Test func limitsMayLowerButNeverRaise() async throws {
        try await Self.server().makeApplication().test(.router) { client in
            try await client.execute(
                uri: "/v1/plans/run", method: .post, headers: jsonHeaders,
                body: jsonBody(#"{"plan": "return 1;", "limits": {"max_cost": 999999999}}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["path"] as? String == "$.limits.max_cost")
                #expect((response.error["message"] as? String)?.contains("above the server's limit of 1000000") == true)
            }
            // Lowering max_tool_calls to 1 makes a two-call plan fail its static check.
            let plan = "let a = double_it(x: 1);\\nlet b = double_it(x: 2);\\nreturn a + b;"
            try await client.execute(
                uri: "/v1/plans/run", method: .post, headers: jsonHeaders,
                body: jsonBody(#"{"plan": "\#(plan)", "limits": {"max_tool_calls": 1}}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect((response.error["message"] as? String)?.contains("maxToolCalls") == true)
                #expect(response.error["limit"] as? String == "maxToolCalls")
            }
        }
    }

    @Test func syntaxErrorsCarryLineAndColumn() async throws {
        try await Self.server().makeApplication().test(.router) { client in
            try await client.execute(
                uri: "/v1/plans/run", method: .post, headers: jsonHeaders, body: jsonBody(#"{"plan": "let a = 1;\nreturn a +;"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["type"] as? String == "syntax")
                #expect(response.error["line"] as? Int == 2)
                #expect((response.error["column"] as? Int ?? 0) > 1)
            }
            try await client.execute(
                uri: "/v1/plans/check", method: .post, headers: jsonHeaders, body: jsonBody(#"{"plan": "return nope(x: 1);"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json["ok"] as? Bool == false)
                let errors = try #require(response.json["errors"] as? [[String: Any]])
                #expect(errors.first?["line"] as? Int == 1)
                #expect((errors.first?["message"] as? String)?.contains("nope") == true)
            }
        }
    }

    @Test func checkReturnsBoundsWithoutRunning() async throws {
        try await Self.server().makeApplication().test(.router) { client in
            try await client.execute(
                uri: "/v1/plans/check", method: .post, headers: jsonHeaders,
                body: jsonBody(#"{"plan": "let a = double_it(x: 1);\nlet b = double_it(x: a);\nreturn b;"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json["ok"] as? Bool == true)
                let bounds = try #require(response.json["bounds"] as? [String: Any])
                #expect(bounds["min_tool_calls"] as? Int == 2)
                #expect(bounds["max_tool_calls"] as? Int == 2)
            }
        }
    }

    @Test func failedRunIs422WithPartialTrace() async throws {
        try await Self.server().makeApplication().test(.router) { client in
            try await client.execute(
                uri: "/v1/plans/run", method: .post, headers: jsonHeaders, body: jsonBody(#"{"plan": "let a = boom();\nreturn a;"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["type"] as? String == "tool")
                #expect((response.error["message"] as? String)?.contains("boom failed on purpose") == true)
                let trace = try #require(response.json["trace"] as? [[String: Any]])
                #expect(trace.first?["status"] as? String == "error")
            }
        }
    }
}
