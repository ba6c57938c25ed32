import Foundation
import Synchronization
import Testing

@testable import Sandbox
import SandboxJSON

/// Runs Quiver's own plan-level cases in sandbox/cases/*.json (parallelism, limits, errors).
///
/// A case: `plan`, optional `input` (JSON), `input_ranges` (`{"xs": N}` sets input.xs to [0, N)),
/// `limits` (Limits field names), `tools` (fakes: `name`, `effect`, `params`, `required`, `delay_ms`,
/// `result`, `echo` (copy that argument into the result map), `fail` (a failure message)), and
/// `expect`: `{"value": JSON}` or `{"error": {"kind", "limit"?, "short"?}}`; optional `calls`
/// (tool calls dispatched), `order` (tool start order), `overlapped` (every call was in flight at one
/// instant, from the calls' own start/end instants: serial calls can never pass), `before_tools_finish`
/// (the run returned before the shortest `delay_ms` of its tools elapsed: it did not wait for them),
/// `min_ms` (a lower bound on wall time, which load cannot break).
@Suite("Plan cases")
struct PlanCaseTests {
    static var directory: URL { Conformance.repoRoot.appendingPathComponent("sandbox/cases") }

    static func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func limits(_ v: Value?) -> Limits {
        var l = Limits()
        guard case .map(let m)? = v else { return l }
        for (k, x) in m.entries {
            guard case .string(let name) = k, case .int(let i64) = x else { continue }
            let i = Int(i64)
            switch name {
            case "maxSourceBytes": l.maxSourceBytes = i
            case "maxStatements": l.maxStatements = i
            case "maxASTDepth": l.maxASTDepth = i
            case "maxComprehensionNesting": l.maxComprehensionNesting = i
            case "maxToolCalls": l.maxToolCalls = i
            case "maxConcurrentCalls": l.maxConcurrentCalls = i
            case "callTimeoutMilliseconds": l.callTimeoutMilliseconds = i
            case "deadlineMilliseconds": l.deadlineMilliseconds = i
            case "maxCost": l.maxCost = i
            case "maxStringBytes": l.maxStringBytes = i
            case "maxCollectionEntries": l.maxCollectionEntries = i
            case "maxValueBytes": l.maxValueBytes = i
            default: Issue.record("unknown limit \(name)")
            }
        }
        return l
    }

    static func strings(_ v: Value?) -> [String] {
        guard case .list(let xs)? = v else { return [] }
        return xs.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }

    static func fakes(_ v: Value?) -> FakeTools {
        guard case .list(let xs)? = v else { return FakeTools([]) }
        return FakeTools(
            xs.map { t in
                let name = t["name"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "?"
                let effect: ToolEffect = t["effect"].flatMap { if case .string("write") = $0 { .write } else { nil } } ?? .read
                let required = Set(strings(t["required"]))
                let params = strings(t["params"]).map { ToolDescription.Parameter(name: $0, required: required.contains($0)) }
                let delay: Int
                if case .int(let d)? = t["delay_ms"] { delay = Int(d) } else { delay = 0 }
                let result = t["result"] ?? .null
                let echo = t["echo"].flatMap { if case .string(let s) = $0 { s } else { nil } }
                let fail = t["fail"].flatMap { if case .string(let s) = $0 { s } else { nil } }
                return (
                    ToolDescription(name: name, effect: effect, parameters: params),
                    { args in
                        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
                        if let fail { throw ToolFailure(fail) }
                        if let echo, let a = args[echo] {
                            var m = MapValue()
                            if case .map(let r) = result { m = r }
                            m.insertOrReplace(key: .string(echo), value: a)
                            return .map(m)
                        }
                        return result
                    }
                )
            })
    }

    @Test("every case in sandbox/cases passes")
    func cases() async throws {
        var total = 0, passed = 0
        for file in try PlanCaseTests.files() {
            let text = try String(contentsOf: PlanCaseTests.directory.appendingPathComponent(file), encoding: .utf8)
            guard case .list(let cases) = try JSONValue.parse(text, numbers: .integralAsInt) else {
                Issue.record("\(file) is not a list")
                continue
            }
            for c in cases {
                total += 1
                let name = "\(file)/\(c["name"].map { JSONValue.serialize($0) } ?? "?")"
                let ok = try await TimingLock.run { await PlanCaseTests.run(c, name) }
                if ok { passed += 1 }
            }
        }
        print("plan-cases: \(passed)/\(total)")
        #expect(total >= 20)
        #expect(passed == total)
    }

    static func run(_ c: Value, _ name: String) async -> Bool {
        guard case .string(let src)? = c["plan"] else {
            Issue.record("\(name): no plan")
            return false
        }
        let limits = limits(c["limits"])
        var input = c["input"] ?? .map(MapValue())
        if case .map(let ranges)? = c["input_ranges"], case .map(var m) = input {
            for (k, v) in ranges.entries {
                if case .string(let key) = k, case .int(let n) = v { m.insertOrReplace(key: .string(key), value: .list((0..<n).map { .int($0) })) }
            }
            input = .map(m)
        }
        let expect = c["expect"] ?? .null
        var outcome: PlanOutcome?
        var tools = fakes(c["tools"])
        let ms = await elapsedMilliseconds {
            tools = fakes(c["tools"])
            do {
                let plan = try Plan.parse(source: src, limits: limits)
                outcome = await PlanRunner.run(plan: plan, input: input, executor: tools)
            } catch let error as SandboxError {
                outcome = PlanOutcome(result: .failure(error), trace: [], usage: Usage(toolCalls: 0, reservedToolCalls: 0, cost: 0, wallMilliseconds: 0))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        guard let o = outcome else { return false }
        var ok = true
        func fail(_ why: String) {
            Issue.record("\(name): \(why)")
            ok = false
        }
        if let want = expect["value"] {
            if let got = o.value {
                if !Value.celEqual(got, want) || JSONValue.serialize(got) != JSONValue.serialize(want) {
                    fail("got \(JSONValue.serialize(got)), want \(JSONValue.serialize(want))")
                }
            } else {
                fail("unexpected error \(o.error.map { "\($0)" } ?? "")")
            }
        } else if let want = expect["error"] {
            guard let e = o.error else {
                fail("expected an error, got \(o.value.map { JSONValue.serialize($0) } ?? "")")
                return false
            }
            if case .string(let k)? = want["kind"], k != e.kind.rawValue { fail("kind \(e.kind), want \(k): \(e)") }
            if case .string(let l)? = want["limit"], l != e.limit { fail("limit \(e.limit ?? "nil"), want \(l): \(e)") }
            if case .string(let s)? = want["short"], s != e.short { fail("short '\(e.short)', want '\(s)'") }
        }
        if case .int(let n)? = c["calls"], Int(n) != tools.calls.load(ordering: .relaxed) {
            fail("\(tools.calls.load(ordering: .relaxed)) calls, want \(n)")
        }
        let order = strings(c["order"])
        if !order.isEmpty {
            let starts = tools.log.filter { $0.hasPrefix("start:") }.map { String($0.dropFirst(6)) }
            if starts != order { fail("order \(starts), want \(order)") }
        }
        if case .bool(true)? = c["overlapped"], !tools.allCallsOverlapped { fail("calls did not overlap: \(tools.callSpans)") }
        if case .bool(true)? = c["before_tools_finish"] {
            // Relative to the delays the case sets: a run that waited for any tool takes at least its delay.
            var delays: [Double] = []
            if case .list(let ts)? = c["tools"] {
                for t in ts { if case .int(let d)? = t["delay_ms"] { delays.append(Double(d)) } }
            }
            if let shortest = delays.min(), ms >= shortest { fail("took \(ms) ms, not less than the tools' \(shortest) ms delay") }
        }
        if case .int(let m)? = c["min_ms"], ms < Double(m) { fail("took \(ms) ms, min \(m)") }
        return ok
    }
}
