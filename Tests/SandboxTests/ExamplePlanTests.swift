import Foundation
import Testing

@testable import Sandbox
import SandboxJSON

/// Every plan in sandbox/examples parses, passes the checker against builtin-style tools and runs on fakes.
@Suite("Example plans")
struct ExamplePlanTests {
    static func result(_ json: String) -> Value { (try? JSONValue.parse(json, numbers: .integralAsInt)) ?? .null }

    static func tool(_ d: ToolDescription, _ f: @escaping FakeTools.Behaviour) -> (ToolDescription, FakeTools.Behaviour) { (d, f) }

    static let fakes = FakeTools([
        tool(ToolDescription(name: "wiki_search", parameters: [.init(name: "entity", required: true)]),
         { args in .object(["summary": .string("About \(args["entity"].map { JSONValue.serialize($0) } ?? "")")]) }),
        tool(ToolDescription(name: "web_search", parameters: [.init(name: "query", required: true), .init(name: "max_results")]),
         { _ in
             result(#"{"results": [{"url": "https://a.example/x", "title": " Alpha "}, {"url": "http://b.example/y", "title": "Beta"},"# +
                #" {"url": "https://ads.example/z", "title": "Ad"}]}"#)
         }),
        tool(ToolDescription(name: "fetch_page", parameters: [.init(name: "url", required: true)]),
         { args in .object(["url": args["url"] ?? .null, "text": .string(String(repeating: "lorem ", count: 50))]) }),
        tool(ToolDescription(name: "summarize", parameters: [.init(name: "texts", required: true)]), { _ in .string("a summary") }),
        tool(ToolDescription(name: "weather", parameters: [.init(name: "city", required: true)]),
         { args in .object(["temp_c": .double(args["city"].map { Value.celEqual($0, .string("Rome")) } == true ? 24.5 : 19.0)]) }),
        tool(ToolDescription(name: "save_note", effect: .write, parameters: [.init(name: "text", required: true)]),
         { _ in .object(["id": .string("note-1")]) }),
    ])

    @Test("the examples check clean and run", arguments: [
        ("parallel_lookups.plan", #"{"arthurs":"About \"Arthur's Magazine\"","first_for_women":"About \"First for Women\""}"#),
        ("search_and_summarize.plan", #"{"sources":["https://a.example/x","https://ads.example/z"],"summary":"a summary"}"#),
        ("reshape_results.plan", #"{"count":3,"titles":"alpha; beta; ad","domains":["a.example","b.example","ads.example"],"best":"https://a.example/x"}"#),
        ("compare_and_save.plan", #"{"warmer":"Rome","saved":"note-1"}"#),
    ])
    func example(file: String, expected: String) async throws {
        let url = Conformance.repoRoot.appendingPathComponent("sandbox/examples/\(file)")
        let src = try String(contentsOf: url, encoding: .utf8)
        let plan = try Plan.parse(source: src)
        let report = plan.check(tools: ExamplePlanTests.fakes.tools)
        #expect(report.isClean, "\(report.errors.map { (e: SandboxError) in e.short })")
        let o = await PlanRunner.run(plan: plan, input: .object(["topic": .string("magazines")]), executor: ExamplePlanTests.fakes)
        let v = try #require(o.value, "\(o.error?.short ?? "")")
        #expect(JSONValue.serialize(v) == expected)
        #expect(o.usage.toolCalls == o.trace.count)
        #expect(o.trace.allSatisfy { (t: TraceEntry) in t.status == TraceEntry.Status.ok })
    }
}
