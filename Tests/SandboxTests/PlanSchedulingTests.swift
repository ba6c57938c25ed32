import Synchronization
import Testing

@testable import Sandbox
import SandboxJSON

@Suite("Plan scheduling")
struct PlanSchedulingTests {
    @Test("two independent 100 ms tools run at the same time, not one after the other")
    func independentLetsRunConcurrently() async throws {
        let tools = FakeTools([FakeTools.sleeper("slow_a", ms: 100), FakeTools.sleeper("slow_b", ms: 100)])
        let plan = try Plan.parse(source: """
            let a = slow_a(x: 1);
            let b = slow_b(x: 2);
            return [a.x, b.x];
            """)
        let o = await PlanRunner.run(plan: plan, executor: tools)
        #expect(o.error == nil)
        #expect(o.value.map { Value.celEqual($0, .list([.int(1), .int(2)])) } == true)
        // Concurrency shown by the calls themselves, not by the run's wall time (which a loaded machine
        // stretches): each call sleeps 100 ms, so the two overlapped iff the second started before the
        // first finished. A scheduler that ran the lets serially fails both checks on any machine.
        #expect(tools.callSpans.count == 2)
        #expect(tools.allCallsOverlapped, "\(tools.callSpans)")
        #expect(tools.maxInFlight.load(ordering: .relaxed) == 2)
        #expect(o.trace.count == 2)
        #expect(o.usage.toolCalls == 2)
    }

    @Test("a dependent let waits for its input")
    func dependentLetWaits() async throws {
        let tools = FakeTools([FakeTools.sleeper("slow_a", ms: 50), FakeTools.sleeper("slow_b", ms: 50)])
        let plan = try Plan.parse(source: "let a = slow_a(x: 1);\nlet b = slow_b(x: a.x + 1);\nreturn b.x;")
        let outcome = await PlanRunner.run(plan: plan, executor: tools)
        #expect(outcome.value.map { Value.celEqual($0, .int(2)) } == true)
        #expect(tools.log == ["start:slow_a", "end:slow_a", "start:slow_b", "end:slow_b"])
        // The dependent call began only after its input's call had ended (instants taken by the calls).
        let spans = tools.callSpans
        #expect(spans.map(\.tool) == ["slow_a", "slow_b"])
        if spans.count == 2 { #expect(spans[1].start >= spans[0].end) }
        #expect(tools.maxInFlight.load(ordering: .relaxed) == 1)
    }

    @Test("a fan-out runs concurrently and keeps element order")
    func fanOut() async throws {
        let tools = FakeTools([FakeTools.sleeper("fetch", ms: 100)])
        let plan = try Plan.parse(source: "return input.ids.map(i, fetch(x: i).x * 10);")
        let input = Value.object(["ids": .list([.int(1), .int(2), .int(3), .int(4), .int(5)])])
        let o = await PlanRunner.run(plan: plan, input: input, executor: tools)
        #expect(o.value.map { Value.celEqual($0, .list([10, 20, 30, 40, 50].map { .int($0) })) } == true)
        // All five 100 ms calls were in flight together: the last to start started before the first to
        // finish finished. A fan-out run element by element cannot pass this, whatever the machine's load.
        #expect(tools.callSpans.count == 5)
        #expect(tools.allCallsOverlapped, "\(tools.callSpans)")
        #expect(tools.maxInFlight.load(ordering: .relaxed) == 5)
        #expect(o.usage.reservedToolCalls == 5)
    }

    @Test("a fan-out of 5 reserves 5 calls up front: with a limit of 4 it fails before any call")
    func fanOutReservesUpFront() async throws {
        try await TimingLock.run {
            let tools = FakeTools([FakeTools.sleeper("fetch", ms: 10)])
            var limits = Limits()
            limits.maxToolCalls = 4
            let plan = try Plan.parse(source: "return input.ids.map(i, fetch(x: i));", limits: limits)
            let input = Value.object(["ids": .list([1, 2, 3, 4, 5].map { .int($0) })])
            let o = await PlanRunner.run(plan: plan, input: input, executor: tools)
            let e = try #require(o.error)
            #expect(e.kind == .limit)
            #expect(e.limit == "maxToolCalls")
            #expect(e.message.contains("5") && e.message.contains("4"))
            #expect(tools.calls.load(ordering: .relaxed) == 0)
            #expect(o.trace.isEmpty)
        }
    }

    @Test("a literal fan-out over the limit is rejected by the checker")
    func staticFanOutRejected() throws {
        var limits = Limits()
        limits.maxToolCalls = 4
        let plan = try Plan.parse(source: "return [1, 2, 3, 4, 5].map(i, fetch(x: i));", limits: limits)
        let report = plan.check(tools: [ToolDescription(name: "fetch", parameters: [.init(name: "x")])])
        #expect(report.minToolCalls == 5)
        #expect(report.maxToolCalls == 5)
        #expect(report.errors.contains { $0.limit == "maxToolCalls" })
    }

    @Test("only the taken branch of ?: calls")
    func onlyTakenBranchCalls() async throws {
        let tools = FakeTools([FakeTools.constant("yes", .string("Y")), FakeTools.constant("no", .string("N"))])
        let plan = try Plan.parse(source: "return input.flag ? yes(x: 1) : no(x: 2);")
        let o = await PlanRunner.run(plan: plan, input: .object(["flag": .bool(false)]), executor: tools)
        #expect(o.value.map { Value.celEqual($0, .string("N")) } == true)
        #expect(tools.log == ["start:no", "end:no"])
    }

    @Test("write tools run one after another in textual order")
    func writeOrdering() async throws {
        try await TimingLock.run {
            let tools = FakeTools([
                FakeTools.sleeper("write_a", ms: 80, effect: .write), FakeTools.sleeper("write_b", ms: 10, effect: .write),
                FakeTools.sleeper("read_c", ms: 10),
            ])
            let plan = try Plan.parse(source: """
                let a = write_a(x: 1);
                let b = write_b(x: 2);
                let c = read_c(x: 3);
                return [a.x, b.x, c.x];
                """)
            let o = await PlanRunner.run(plan: plan, executor: tools)
            #expect(o.error == nil)
            let log = tools.log
            let endA = try #require(log.firstIndex(of: "end:write_a"))
            let startB = try #require(log.firstIndex(of: "start:write_b"))
            #expect(endA < startB)
            // the read tool is independent and need not wait for the writes
            let startC = try #require(log.firstIndex(of: "start:read_c"))
            #expect(startC < endA)
        }
    }

    @Test("a tool failure is an error value that dependants see; && can absorb it")
    func toolFailureIsAValue() async throws {
        let failing: (ToolDescription, FakeTools.Behaviour) = (
            ToolDescription(name: "broken", parameters: [.init(name: "x")]), { _ in throw ToolFailure("upstream 503") }
        )
        let tools = FakeTools([failing])
        let p1 = try Plan.parse(source: "let a = broken(x: 1);\nreturn a.value + 1;")
        let o1 = await PlanRunner.run(plan: p1, executor: tools)
        let e = try #require(o1.error)
        #expect(e.kind == .tool)
        #expect(e.message.contains("upstream 503"))
        #expect(e.line == 1 && e.column == 9)
        #expect(o1.trace.first?.status == .error)
        let p2 = try Plan.parse(source: "let a = broken(x: 1);\nreturn false && a.ok;")
        let o2 = await PlanRunner.run(plan: p2, executor: tools)
        #expect(o2.value.map { Value.celEqual($0, .bool(false)) } == true)
    }

    @Test("named arguments, a map argument and input reach the tool")
    func arguments() async throws {
        let echo: (ToolDescription, FakeTools.Behaviour) = (
            ToolDescription(name: "echo", parameters: [.init(name: "q", required: true), .init(name: "n")]), { args in args }
        )
        let tools = FakeTools([echo])
        let plan = try Plan.parse(source: """
            // comments are allowed
            let a = echo(q: input.topic, n: 3);
            let b = echo({"q": "x"});
            return {"a": a, "b": b.q};
            """)
        let o = await PlanRunner.run(plan: plan, input: .object(["topic": .string("cats")]), executor: tools)
        let v = try #require(o.value)
        #expect(JSONValue.serialize(v) == #"{"a":{"q":"cats","n":3},"b":"x"}"#)
    }
}

@Suite("Fan-out details")
struct FanOutDetailTests {
    @Test("map(x, predicate, tool(...)) calls only for the kept elements")
    func filteredFanOut() async throws {
        let tools = FakeTools([FakeTools.sleeper("fetch", ms: 1)])
        let plan = try Plan.parse(source: "return [1, 2, 3, 4].map(i, i % 2 == 0, fetch(x: i).x);")
        let o = await PlanRunner.run(plan: plan, executor: tools)
        #expect(o.value.map { JSONValue.serialize($0) } == "[2,4]")
        #expect(o.usage.toolCalls == 2)
    }

    @Test("a nested fan-out reserves its own calls")
    func nestedFanOut() async throws {
        let tools = FakeTools([FakeTools.sleeper("fetch", ms: 1)])
        var limits = Limits()
        limits.maxToolCalls = 5
        let plan = try Plan.parse(source: "return input.a.map(i, input.b.map(j, fetch(x: i * 10 + j).x));", limits: limits)
        let input = Value.object(["a": .list([.int(1), .int(2)]), "b": .list([.int(1), .int(2), .int(3)])])
        let o = await PlanRunner.run(plan: plan, input: input, executor: tools)
        #expect(o.error?.limit == "maxToolCalls")
        #expect(tools.calls.load(ordering: .relaxed) <= 5)
        limits.maxToolCalls = 6
        let ok = await PlanRunner.run(plan: try Plan.parse(source: plan.source, limits: limits), input: input, executor: tools)
        #expect(ok.value.map { JSONValue.serialize($0) } == "[[11,12,13],[21,22,23]]")
    }

    @Test("operands with tool calls run concurrently: a map literal of two calls")
    func hoistedOperandsConcurrent() async throws {
        let tools = FakeTools([FakeTools.sleeper("slow", ms: 100)])
        let plan = try Plan.parse(source: "return {\"a\": slow(x: 1).x, \"b\": slow(x: 2).x + 1};")
        let o = await PlanRunner.run(plan: plan, executor: tools)
        #expect(o.value.map { JSONValue.serialize($0) } == #"{"a":1,"b":3}"#)
        // The two 100 ms calls overlapped iff the second started before the first finished (instants
        // taken by the calls); operands evaluated one after another can never pass, whatever the load.
        #expect(tools.callSpans.count == 2)
        #expect(tools.allCallsOverlapped, "\(tools.callSpans)")
    }
}

@Suite("Write ordering inside one expression")
struct WriteOrderingTests {
    @Test("writes in one expression and in a fan-out run one after another, in order")
    func writesInOneExpression() async throws {
        let tools = FakeTools([FakeTools.sleeper("save", ms: 20, effect: .write)])
        let plan = try Plan.parse(source: "let a = [save(x: 1).x, save(x: 2).x];\nlet b = [3, 4].map(i, save(x: i).x);\nreturn a + b;")
        let o = await PlanRunner.run(plan: plan, executor: tools)
        #expect(o.value.map { JSONValue.serialize($0) } == "[1,2,3,4]")
        #expect(tools.maxInFlight.load(ordering: .relaxed) == 1)
        #expect(o.trace.map { JSONValue.serialize($0.arguments) } == [#"{"x":1}"#, #"{"x":2}"#, #"{"x":3}"#, #"{"x":4}"#])
    }
}
