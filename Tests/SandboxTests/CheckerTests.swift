import Testing

@testable import Sandbox

@Suite("Static checker and error positions")
struct CheckerTests {
    static let tools: [ToolDescription] = [
        ToolDescription(name: "web_search", parameters: [.init(name: "query", required: true), .init(name: "max_results")]),
        ToolDescription(name: "fetch_page", parameters: [.init(name: "url", required: true)]),
        ToolDescription(name: "send_email", effect: .write, parameters: [.init(name: "to", required: true), .init(name: "body")]),
    ]

    func errors(_ src: String) throws -> [String] {
        try Plan.parse(source: src).check(tools: CheckerTests.tools).errors.map(\.short)
    }

    @Test("a clean plan has no errors and computable bounds")
    func clean() throws {
        let plan = try Plan.parse(source: """
            let hits = web_search(query: input.topic, max_results: 5);
            let pages = hits.results.filter(r, r.url.startsWith("https://")).map(r, fetch_page(url: r.url));
            let good = pages.filter(p, size(p.text) > 200);
            return {"sources": good.map(p, p.url), "n": size(good)};
            """)
        let r = plan.check(tools: CheckerTests.tools)
        #expect(r.isClean, "\(r.errors)")
        #expect(r.minToolCalls == 1)
        #expect(r.maxToolCalls == 10_001)  // the fan-out is bounded by maxCollectionEntries
        let fixed = try Plan.parse(source: "let a = web_search(query: \"x\");\nreturn input.b ? [1, 2].map(i, fetch_page(url: string(i))) : a;")
        let fr = fixed.check(tools: CheckerTests.tools)
        #expect(fr.minToolCalls == 1 && fr.maxToolCalls == 3)
    }

    @Test("unknown tool, with line and column in the short form")
    func unknownTool() throws {
        #expect(try errors("let a = 1;\nlet b = a + foo(x: 1);\nreturn b;") == ["2:13: unknown tool 'foo'"])
    }

    @Test("unknown and missing arguments")
    func arguments() throws {
        let e = try errors("let a = web_search(q: \"cats\");\nreturn a;")
        #expect(e.contains("1:9: tool 'web_search' has no parameter 'q' (parameters: query, max_results)"))
        #expect(e.contains("1:9: tool 'web_search' is missing required argument 'query'"))
        #expect(try errors("return fetch_page({\"url\": \"u\", \"x\": 1});") == ["1:8: tool 'fetch_page' has no parameter 'x' (parameters: url)"])
    }

    @Test("undefined names, forward references, rebinding and input")
    func names() throws {
        #expect(try errors("return nope + 1;") == ["1:8: undefined name 'nope'"])
        #expect(try errors("let a = b;\nlet b = 1;\nreturn a;") == ["1:9: 'b' is used before its let statement; bindings refer only backwards"])
        #expect(try errors("let a = 1;\nlet a = 2;\nreturn a;") == ["2:5: 'a' is already bound; let bindings are single-assignment"])
        #expect(try errors("let input = 1;\nreturn input;") == ["1:5: 'input' is predefined and cannot be bound with let"])
        #expect(try errors("return [1].map(x, x + y);") == ["1:23: undefined name 'y'"])
        #expect(try errors("return [1].map(x, x + 1) + [x];").contains("1:29: undefined name 'x'"))
    }

    @Test("tool calls in && / || operands and in predicates are errors")
    func purity() throws {
        #expect(try errors("return input.ok && fetch_page(url: \"u\").ok;") == ["1:20: tool call 'fetch_page' as an operand of && or ||: bind it with let first"])
        #expect(try errors("return [\"a\"].filter(u, fetch_page(url: u).ok);") == ["1:24: tool call 'fetch_page' inside the predicate of filter(): bind it with let first"])
        #expect(try errors("return [\"a\"].exists(u, size(fetch_page(url: u)) > 0);").count == 1)
        #expect(try errors("return [\"a\"].map(u, fetch_page(url: u));").isEmpty)
    }

    @Test("unknown functions are reported")
    func unknownFunction() throws {
        #expect(try errors("return \"a\".frobnicate();") == ["1:12: unknown function 'frobnicate' with 0 argument(s)"])
    }

    @Test("syntax errors carry line and column")
    func syntaxErrors() {
        let cases: [(String, String)] = [
            ("return 1 +;", "1:11: unexpected ';'"),
            ("let a = 1\nreturn a;", "2:1: expected ';' at the end of the let statement, found 'return'"),
            ("let a = 1;", "1:11: plan must end with a 'return' statement"),
            ("return \"abc;", "1:8: unterminated string literal"),
            ("let x = 1;\nreturn x @ 2;", "2:10: unexpected '@'"),
            ("return 9223372036854775808;", "1:8: integer literal out of range: 9223372036854775808"),
            ("let if = 1;\nreturn 1;", "1:5: 'if' is reserved and cannot be bound"),
        ]
        for (src, want) in cases {
            do {
                _ = try Plan.parse(source: src)
                Issue.record("no error for \(src)")
            } catch {
                #expect(error.short == want, "\(src)")
                #expect(error.kind == .syntax)
            }
        }
    }

    @Test("runtime errors carry the position of the failing expression")
    func runtimePositions() async throws {
        let plan = try Plan.parse(source: "let a = {\"k\": 1};\nreturn a.k + a.missing;")
        let o = await PlanRunner.run(plan: plan, executor: FakeTools([]))
        #expect(o.error?.short == "2:16: no such key: 'missing'")
        #expect(o.error?.kind == .evaluation)
        let p = try Program.compile(expression: "1 +\n  (2 / 0)")
        #expect {
            _ = try p.evaluate()
        } throws: { e in (e as? SandboxError)?.short == "2:6: division by zero" }
    }

    @Test("the runner refuses a plan with check errors before any call")
    func runnerChecksFirst() async throws {
        let tools = FakeTools([FakeTools.sleeper("fetch_page", ms: 1, params: ["url"])])
        let plan = try Plan.parse(source: "let a = fetch_page(url: \"u\");\nreturn nope(x: a);")
        let o = await PlanRunner.run(plan: plan, executor: tools)
        #expect(o.error?.short == "2:8: unknown tool 'nope'")
        #expect(o.error?.kind == .check)
        #expect(tools.log.isEmpty)
    }
}

@Suite("Reserved tool names")
struct ReservedToolNameTests {
    @Test("built-ins, macros and reserved words cannot be tool names")
    func reserved() {
        for name in ["size", "matches", "map", "filter", "exists_one", "int", "has", "math", "input", "let", "while"] {
            #expect(Plan.reservedToolNames.contains(name), "\(name)")
        }
        #expect(!Plan.reservedToolNames.contains("web_search"))
    }
}
