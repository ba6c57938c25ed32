// Evaluations per second of Quiver's CEL evaluator on expressions.json, measured like peers.py:
// compile once, evaluate for about SECONDS, median of 3 runs, the same bindings on each evaluation.
// Also: parse-and-check time of a 16 KiB plan, and resident memory over a long run of evaluations.
//
//   CELBench [--file expressions.json] [--seconds 2] [--memory-seconds 20] [--plan-seconds 1] [--only-plan]
// Prints one JSON object per line (the format of peers.py), then the plan and memory lines.

import Foundation
import Sandbox
import SandboxJSON

var expected: [String: Value] = [
    "E1_map_filter": .int(334), "E2_all_exists": .bool(true), "E3_string_map": .int(111),
    "E4_nested": .int(56), "E5_items": .int(72),
]

var arguments = CommandLine.arguments.dropFirst()
var file = "expressions.json"
var seconds = 2.0
var memorySeconds = 20.0
var planSeconds = 1.0
var onlyPlan = false
while let flag = arguments.popFirst() {
    switch flag {
    case "--file": file = arguments.popFirst() ?? file
    case "--seconds": seconds = arguments.popFirst().flatMap(Double.init) ?? seconds
    case "--memory-seconds": memorySeconds = arguments.popFirst().flatMap(Double.init) ?? memorySeconds
    case "--plan-seconds": planSeconds = arguments.popFirst().flatMap(Double.init) ?? planSeconds
    case "--only-plan": onlyPlan = true
    default:
        FileHandle.standardError.write(Data("unknown argument \(flag)\n".utf8))
        exit(2)
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CELBench: \(message)\n".utf8))
    exit(1)
}

func elapsed(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Resident set size in KiB, from /proc/self/statm.
func residentKiB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return -1 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return -1 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { fail("cannot read \(file)") }
let document: Value
do {
    document = try JSONValue.parse(text, numbers: .integralAsInt)
} catch {
    fail("\(file): \(error)")
}
guard case .map(let top) = document, case .map(let exprMap)? = top[MapKey.string("expressions")],
    case .map(let bindingMap)? = top[MapKey.string("bindings")]
else { fail("\(file): expected {\"expressions\": {...}, \"bindings\": {...}}") }

if case .map(let more)? = top[MapKey.string("expected")] {
    for (key, value) in more.entries {
        if case .string(let name) = key { expected[name] = value }
    }
}

var bindings: [String: Value] = [:]
for (key, value) in bindingMap.entries {
    if case .string(let name) = key { bindings[name] = value }
}
var expressions: [(String, String)] = []
for (key, value) in exprMap.entries {
    if case .string(let name) = key, case .string(let source) = value { expressions.append((name, source)) }
}
expressions.sort { $0.0 < $1.0 }

// MARK: - Evaluations per second

for (name, source) in expressions where !onlyPlan {
    let program: Program
    do {
        program = try Program.compile(expression: source)
    } catch {
        fail("\(name): \(error)")
    }
    let result: Value
    do {
        result = try program.evaluate(bindings: bindings)
    } catch {
        fail("\(name): \(error)")
    }
    if let want = expected[name], !Value.celEqual(result, want) {
        fail("\(name): got \(JSONValue.serialize(result)), expected \(JSONValue.serialize(want))")
    }
    var rates: [Double] = []
    for _ in 0..<3 {
        var count = 0
        let start = ContinuousClock.now
        var time = 0.0
        repeat {
            _ = try? program.evaluate(bindings: bindings)
            count += 1
            time = elapsed(since: start)
        } while time < seconds
        rates.append(Double(count) / time)
    }
    let median = rates.sorted()[1]
    print(#"{"runtime": "quiver", "expression": "\#(name)", "evals_per_second": \#(median), "result": \#(JSONValue.serialize(result))}"#)
    fflush(nil)
}

// MARK: - Parse and check a 16 KiB plan

/// A plan of 63 `let`s and a `return` (64 statements, the default limit), padded to just under 16 KiB, calling two tools.
func sixteenKiBPlan() -> String {
    var lines: [String] = []
    for i in 0..<62 {
        let previous = i == 0 ? "input.items" : "v\(i - 1)"
        lines.append(
            "let v\(i) = \(previous).filter(x, x.price > \(i).5 && x.name.startsWith(\"a\")).map(x, {\"name\": x.name.upperAscii(), \"price\": x.price * 1.1, \"tag\": \"item-\(i)\"});"
        )
    }
    lines.append("let hits = search(query: \"swift\", max_results: 5);")
    var plan = lines.joined(separator: "\n")
    let tail = "\nreturn {\"last\": v61, \"hits\": hits, \"n\": size(v61)};"
    // Pad with a comment line to 16 KiB less a little for the tail.
    let room = 16 * 1024 - plan.utf8.count - tail.utf8.count - 4
    if room > 0 { plan += "\n//" + String(repeating: "x", count: room - 1) }
    return plan + tail
}

if planSeconds > 0 {
    let planSource = sixteenKiBPlan()
    let tools = [
        ToolDescription(name: "search", parameters: [.init(name: "query", required: true), .init(name: "max_results")])
    ]
    do {
        let plan = try Plan.parse(source: planSource)
        let report = plan.check(tools: tools)
        if !report.isClean { fail("16 KiB plan: \(report.errors.map(\.description))") }
    } catch {
        fail("16 KiB plan: \(error)")
    }
    var planRates: [Double] = []
    for _ in 0..<3 {
        var count = 0
        let start = ContinuousClock.now
        var time = 0.0
        repeat {
            if let plan = try? Plan.parse(source: planSource) { _ = plan.check(tools: tools) }
            count += 1
            time = elapsed(since: start)
        } while time < planSeconds
        planRates.append(Double(count) / time)
    }
    let planMicros = 1e6 / planRates.sorted()[1]
    print(#"{"plan_parse_check": {"bytes": \#(planSource.utf8.count), "microseconds": \#(planMicros)}}"#)
    fflush(nil)
}

// MARK: - Memory over a long run

if memorySeconds > 0, let (_, source) = expressions.first(where: { $0.0 == "E5_items" }) ?? expressions.first,
    let program = try? Program.compile(expression: source)
{
    // Warm up, then sample the resident size at the start and the end of the long run.
    for _ in 0..<50 { _ = try? program.evaluate(bindings: bindings) }
    let startRSS = residentKiB()
    let start = ContinuousClock.now
    var count = 0
    while elapsed(since: start) < memorySeconds {
        for (_, source) in expressions {
            if let p = try? Program.compile(expression: source) { _ = try? p.evaluate(bindings: bindings) }
        }
        _ = try? program.evaluate(bindings: bindings)
        count += 1
    }
    let endRSS = residentKiB()
    print(#"{"memory": {"rounds": \#(count), "rss_start_kib": \#(startRSS), "rss_end_kib": \#(endRSS)}}"#)
}
