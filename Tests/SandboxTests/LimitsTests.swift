import Synchronization
import Testing

@testable import Sandbox

/// One test per limit: each hits it and checks that the error names the limit and the amount.
@Suite("Limits")
struct LimitsTests {
    static func bigList(_ n: Int) -> Value { .list((0..<n).map { .int(Int64($0)) }) }

    @Test("every limit has the documented default")
    func defaults() {
        let l = Limits()
        #expect(l.maxSourceBytes == 16_384 && l.maxStatements == 64 && l.maxASTDepth == 64 && l.maxComprehensionNesting == 2)
        #expect(l.maxToolCalls == 32 && l.maxConcurrentCalls == 8 && l.callTimeoutMilliseconds == 30_000)
        #expect(l.deadlineMilliseconds == 60_000 && l.maxCost == 1_000_000)
        #expect(l.maxStringBytes == 1 << 20 && l.maxCollectionEntries == 10_000 && l.maxValueBytes == 4 << 20)
    }

    @Test("maxSourceBytes")
    func sourceSize() {
        let src = "return " + String(repeating: "1 + ", count: 5000) + "1;"
        #expect {
            _ = try Plan.parse(source: src)
        } throws: { e in
            guard let e = e as? SandboxError else { return false }
            return e.limit == "maxSourceBytes" && e.message.contains("16384") && e.message.contains("\(src.utf8.count)")
        }
    }

    @Test("maxStatements")
    func statements() {
        let src = (0..<64).map { "let v\($0) = \($0);" }.joined(separator: "\n") + "\nreturn 1;"
        #expect {
            _ = try Plan.parse(source: src)
        } throws: { e in
            guard let e = e as? SandboxError else { return false }
            return e.limit == "maxStatements" && e.message.contains("64") && e.line == 65 && e.column == 1
        }
    }

    @Test("maxASTDepth, and no crash on 100,000 nested brackets")
    func astDepth() {
        let nested = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        #expect {
            _ = try Program.compile(expression: nested)
        } throws: { e in
            guard let e = e as? SandboxError else { return false }
            return e.limit == "maxASTDepth" && e.message.contains("64")
        }
        let huge = String(repeating: "(", count: 100_000)
        var l = Limits()
        l.maxSourceBytes = 1 << 20
        #expect(throws: SandboxError.self) { _ = try Program.compile(expression: huge, limits: l) }
        let chain = "1" + String(repeating: " + 1", count: 100)
        #expect(throws: SandboxError.self) { _ = try Program.compile(expression: chain) }
        #expect(throws: Never.self) { _ = try Program.compile(expression: "1" + String(repeating: " + 1", count: 60)) }
    }

    @Test("maxComprehensionNesting")
    func comprehensionNesting() throws {
        let src = "xs.all(a, xs.all(b, xs.all(c, a + b + c > 0)))"
        #expect {
            _ = try Program.compile(expression: src)
        } throws: { e in
            guard let e = e as? SandboxError else { return false }
            return e.limit == "maxComprehensionNesting" && e.message.contains("3") && e.message.contains("2") && e.column == 24
        }
        let plan = try Plan.parse(source: "return input.xs.all(a, input.xs.all(b, input.xs.all(c, true)));")
        #expect(plan.check(tools: []).errors.contains { $0.limit == "maxComprehensionNesting" })
    }

    @Test("maxToolCalls: three unconditional calls over a limit of two are rejected before any call")
    func toolCalls() async throws {
        let tools = FakeTools([FakeTools.sleeper("t", ms: 1)])
        var limits = Limits()
        limits.maxToolCalls = 2
        let plan = try Plan.parse(source: "let a = t(x: 1);\nlet b = t(x: 2);\nlet c = t(x: 3);\nreturn [a, b, c];", limits: limits)
        let o = await PlanRunner.run(plan: plan, executor: tools)
        let e = try #require(o.error)
        #expect(e.limit == "maxToolCalls" && e.message.contains("3") && e.message.contains("2"))
        #expect(tools.calls.load(ordering: .relaxed) == 0)
        // at run time: a conditional call that is reserved when its branch is taken
        let plan2 = try Plan.parse(source: "let a = t(x: 1);\nlet b = t(x: 2);\nreturn input.more ? t(x: 3) : null;", limits: limits)
        let o2 = await PlanRunner.run(plan: plan2, input: .object(["more": .bool(true)]), executor: tools)
        #expect(o2.error?.limit == "maxToolCalls")
        #expect(o2.error?.line == 3)
    }

    @Test("maxConcurrentCalls: a gate caps calls in flight")
    func concurrency() async throws {
        try await TimingLock.run {
            let tools = FakeTools([FakeTools.sleeper("t", ms: 60)])
            var limits = Limits()
            limits.maxConcurrentCalls = 2
            let plan = try Plan.parse(source: "return [1, 2, 3, 4].map(i, t(x: i).x);", limits: limits)
            var o: PlanOutcome?
            let ms = await elapsedMilliseconds { o = await PlanRunner.run(plan: plan, executor: tools) }
            #expect(o?.error == nil)
            #expect(tools.maxInFlight.load(ordering: .relaxed) == 2)
            #expect(ms >= 115)
        }
    }

    @Test("callTimeoutMilliseconds: a slow call becomes a timeout error and is cancelled")
    func callTimeout() async throws {
        try await TimingLock.run {
            let tools = FakeTools([FakeTools.sleeper("slow", ms: 5_000)])
            var limits = Limits()
            limits.callTimeoutMilliseconds = 50
            let plan = try Plan.parse(source: "let a = slow(x: 1);\nreturn a;", limits: limits)
            var o: PlanOutcome?
            let ms = await elapsedMilliseconds { o = await PlanRunner.run(plan: plan, executor: tools) }
            let e = try #require(o?.error)
            #expect(e.kind == .tool)
            #expect(e.message.contains("callTimeoutMilliseconds") && e.message.contains("50"))
            #expect(o?.trace.first?.status == .timeout)
            // Relative to the tool's own 5 s sleep: a run that waited for the call cannot end sooner.
            #expect(ms < 5_000, "took \(ms) ms")
            await waitUntil(seconds: 5) { tools.log.contains("cancelled:slow") }
            #expect(tools.log.contains("cancelled:slow"))
        }
    }

    @Test("deadlineMilliseconds: cancels calls in flight; the tool observes the cancellation")
    func deadlineWithCallsInFlight() async throws {
        try await TimingLock.run {
            // The property holds for any deadline; what load changes is whether both calls were dispatched
            // before it passed. So the deadline starts at 1 s and doubles (up to 8 s, still far below the
            // tools' own 60 s sleeps) until a run has both calls in flight when it fires.
            for deadline in [1_000, 2_000, 4_000, 8_000] {
                var limits = Limits()
                limits.deadlineMilliseconds = deadline
                let plan = try Plan.parse(source: "let a = slow(x: 1);\nlet b = slow(x: 2);\nreturn [a, b];", limits: limits)
                var o: PlanOutcome?
                let tools = FakeTools([FakeTools.sleeper("slow", ms: 60_000)])
                let ms = await elapsedMilliseconds { o = await PlanRunner.run(plan: plan, executor: tools) }
                let e = try #require(o?.error)
                #expect(e.kind == .deadline)
                #expect(e.limit == "deadlineMilliseconds" && e.message.contains("\(deadline)"))
                // Relative to the tools' own 60 s sleeps: a run that waited for either call cannot end sooner.
                #expect(ms < 60_000, "took \(ms) ms")
                guard tools.log.filter({ $0 == "start:slow" }).count == 2 else { continue }
                // Each call records its cancellation as it unwinds; wait for both (bounded) rather than a fixed pause.
                await waitUntil(seconds: 5) { tools.log.filter { $0 == "cancelled:slow" }.count == 2 }
                #expect(tools.log.filter { $0 == "cancelled:slow" }.count == 2)
                #expect(o?.trace.count == 2)
                #expect(o?.trace.allSatisfy { $0.status == .cancelled } == true)
                return
            }
            Issue.record("the two calls were never both in flight when the deadline passed, even with 8 s")
        }
    }

    @Test("deadlineMilliseconds: a CPU-bound plan of nested macros stops at its deadline")
    func deadlineCPUBound() async throws {
        try await TimingLock.run {
            var limits = Limits()
            limits.deadlineMilliseconds = 150
            limits.maxCost = Int.max
            let plan = try Plan.parse(source: "return input.xs.map(a, input.xs.filter(b, (a + b) % 7 == 0).size());", limits: limits)
            var o: PlanOutcome?
            let ms = await bestOfThree(under: 1_500) {
                o = await PlanRunner.run(plan: plan, input: .object(["xs": LimitsTests.bigList(10_000)]), executor: FakeTools([]))
            }
            #expect(o?.error?.kind == .deadline)
            #expect(ms < 1_500, "took \(ms) ms")
            // the same for a single expression
            let p = try Program.compile(expression: "xs.map(a, xs.filter(b, (a + b) % 7 == 0).size())", limits: limits)
            #expect {
                _ = try p.evaluate(bindings: ["xs": LimitsTests.bigList(10_000)])
            } throws: { e in (e as? SandboxError)?.kind == .deadline }
        }
    }

    @Test("maxCost: matches() pays for the matcher's work, so a long text against a large pattern stops at the budget")
    func costBudgetInsideMatches() throws {
        var limits = Limits()
        limits.maxCost = 100_000
        limits.deadlineMilliseconds = 600_000  // only the budget may stop it
        // ~200 KiB of text against a pattern of hundreds of instructions: hundreds of millions of steps unbounded.
        let text = String(repeating: "ab", count: 100_000)
        let pattern = "(" + (0..<40).map { "x\\d{2}[a-z]+\($0)" }.joined(separator: "|") + ")$"
        let p = try Program.compile(expression: "s.matches(pat)", limits: limits)
        #expect {
            _ = try p.evaluate(bindings: ["s": .string(text), "pat": .string(pattern)])
        } throws: { e in
            guard let e = e as? SandboxError else { return false }
            return e.kind == .budget && e.limit == "maxCost" && e.message.contains("100000")
        }
        // A small search within the budget still answers, and is charged for its work.
        let small = try Program.compile(expression: "'xyz42abc'.matches(pat)", limits: limits)
        let answer = try small.evaluate(bindings: ["pat": .string("z\\d+a")])
        if case .bool(let matched) = answer { #expect(matched) } else { Issue.record("expected a bool, got \(answer)") }
    }

    @Test("maxCost: the budget stops nested macros over a large list")
    func costBudget() async throws {
        try await TimingLock.run {
            var limits = Limits()
            limits.maxCost = 200_000
            let p = try Program.compile(expression: "xs.map(a, xs.filter(b, b > a).size())", limits: limits)
            #expect {
                _ = try p.evaluate(bindings: ["xs": LimitsTests.bigList(5_000)])
            } throws: { e in
                guard let e = e as? SandboxError else { return false }
                return e.kind == .budget && e.limit == "maxCost" && e.message.contains("200000")
            }
            // a small list fits
            #expect(throws: Never.self) { _ = try p.evaluate(bindings: ["xs": LimitsTests.bigList(50)]) }
        }
    }

    @Test("maxStringBytes: doubling a string in lets")
    func stringSize() async throws {
        let src = "let a = \"0123456789abcdef\";\n" + (1...17).map { "let s\($0) = \($0 == 1 ? "a" : "s\($0 - 1)") + \($0 == 1 ? "a" : "s\($0 - 1)");" }.joined(separator: "\n")
            + "\nreturn size(s17);"
        let plan = try Plan.parse(source: src)
        let o = await PlanRunner.run(plan: plan, executor: FakeTools([]))
        let e = try #require(o.error)
        #expect(e.limit == "maxStringBytes" && e.message.contains("2097152") && e.message.contains("1048576"))
        #expect(e.line == 18)
    }

    @Test("maxCollectionEntries: lists built by + and by macros")
    func collectionEntries() throws {
        var limits = Limits()
        limits.maxCollectionEntries = 100
        let p = try Program.compile(expression: "xs + xs", limits: limits)
        #expect {
            _ = try p.evaluate(bindings: ["xs": LimitsTests.bigList(60)])
        } throws: { e in
            guard let e = e as? SandboxError else { return false }
            return e.limit == "maxCollectionEntries" && e.message.contains("120") && e.message.contains("100")
        }
        let q = try Program.compile(expression: "xs.map(x, x * 2)", limits: limits)
        #expect(throws: SandboxError.self) { _ = try q.evaluate(bindings: ["xs": LimitsTests.bigList(101)]) }
        #expect(throws: Never.self) { _ = try q.evaluate(bindings: ["xs": LimitsTests.bigList(100)]) }
    }

    @Test("maxValueBytes: an oversized tool result stops the plan")
    func valueSize() async throws {
        let big = Value.list((0..<100).map { _ in .string(String(repeating: "x", count: 100)) })
        let tools = FakeTools([FakeTools.constant("big", big)])
        var limits = Limits()
        limits.maxValueBytes = 5_000
        let plan = try Plan.parse(source: "let a = big(x: 1);\nreturn size(a);", limits: limits)
        let o = await PlanRunner.run(plan: plan, executor: tools)
        let e = try #require(o.error)
        #expect(e.limit == "maxValueBytes" && e.message.contains("5000"))
        #expect(e.line == 1 && e.column == 9)
    }
}
