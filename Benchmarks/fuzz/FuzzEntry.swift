// libFuzzer entry for the Sandbox module: compiled together with Sources/Sandbox by run.sh
// (swiftc -parse-as-library -sanitize=fuzzer,address), so it can reach internal API too.
//
// The first byte of an input picks what is fuzzed; the rest is the payload:
//   'r'  regex:      pattern, a NUL byte (or tab), text    -> LinearRegex init, search, firstMatch
//   'j'  JSON:       JSONValue.parse, then serialize
//   'p'  plan:       Plan.parse, check, run with fake tools (deadline 250 ms)
//   else expression: Program.compile(expression:) and evaluate with a few bindings (whole input)
// Any trap, sanitizer report, or libFuzzer timeout/out-of-memory is a finding.

import Dispatch
import Glibc

private let fuzzLimits: Limits = {
    var limits = Limits()
    limits.deadlineMilliseconds = 250
    limits.callTimeoutMilliseconds = 50
    return limits
}()

private let bindings: [String: Value] = [
    "x": .int(7),
    "u": .uint(3),
    "d": .double(2.5),
    "s": .string("héllo wörld"),
    "b": .bool(true),
    "xs": .list((0..<20).map { .int($0) }),
    "names": .list(["ada", "bob", "cy"].map { .string($0) }),
    "m": .object(["a": .int(1), "b": .string("two"), "c": .list([.double(3)])]),
    "input": .object(["topic": .string("swift"), "n": .int(3)]),
]

/// Tools for fuzzed plans: they answer at once, `fail` always fails, `slow` waits past the call timeout.
private struct FuzzTools: ToolExecutor {
    var tools: [ToolDescription] {
        [
            ToolDescription(name: "echo", allowsExtraArguments: true),
            ToolDescription(name: "search", parameters: [.init(name: "query", required: true), .init(name: "max_results")]),
            ToolDescription(name: "fail", allowsExtraArguments: true),
            ToolDescription(name: "slow", allowsExtraArguments: true),
            ToolDescription(name: "save", effect: .write, allowsExtraArguments: true),
        ]
    }

    func call(_ call: ToolCall) async throws -> Value {
        switch call.tool {
        case "fail": throw ToolFailure("fuzz failure")
        case "slow":
            try await Task.sleep(for: .milliseconds(100))
            return .null
        case "search": return .object(["results": .list([.object(["url": .string("https://a"), "text": .string("t")])])])
        default: return call.arguments
        }
    }
}

private func fuzzRegex(_ payload: ArraySlice<UInt8>) {
    // Pattern and text are separated by NUL (or, in the text seed file, by a tab).
    let split = payload.firstIndex(of: 0) ?? payload.firstIndex(of: 9) ?? payload.endIndex
    let pattern = String(decoding: payload[payload.startIndex..<split], as: UTF8.self)
    let text = split < payload.endIndex ? String(decoding: payload[(split + 1)...], as: UTF8.self) : "abc aaa 123"
    guard let regex = try? LinearRegex(pattern: pattern) else { return }
    let found = regex.search(text)
    let match = regex.firstMatch(text)
    // The two entry points must agree.
    if found != (match != nil) { fatalError("search and firstMatch disagree on /\(pattern)/") }
    if let match {
        precondition(match.groups.count == regex.captureCount + 1)
        _ = match.value
    }
}

private func fuzzExpression(_ source: String) {
    guard let program = try? Program.compile(expression: source, limits: fuzzLimits) else { return }
    if let value = try? program.evaluateAllowingErrors(bindings: bindings) {
        _ = JSONValue.serialize(value)
    }
}

/// Holds the plan for the run's task, so the harness can tell when the task has let go of it.
private final class PlanBox: @unchecked Sendable {
    var plan: Plan?
    init(_ plan: Plan) { self.plan = plan }
}

private func fuzzPlan(_ source: String) {
    guard let plan = try? Plan.parse(source: source, limits: fuzzLimits) else { return }
    let tools = FuzzTools()
    _ = plan.check(tools: tools.tools)
    let semaphore = DispatchSemaphore(value: 0)
    var box = PlanBox(plan)
    Task { [box] in
        guard let plan = box.plan else {
            semaphore.signal()
            return
        }
        let outcome = await PlanRunner.run(plan: plan, input: bindings["input"] ?? .null, executor: tools)
        if case .success(let value) = outcome.result { _ = JSONValue.serialize(value) }
        semaphore.signal()
    }
    semaphore.wait()
    // The task signals before its closure context (and the plan, values and trace it holds) is
    // released on a pool thread. Wait for that, so that no object of this input outlives the call:
    // otherwise LeakSanitizer, which libFuzzer runs right after the call, sees them mid-release.
    let start = ContinuousClock.now
    while !isKnownUniquelyReferenced(&box) {
        if ContinuousClock.now - start > .seconds(5) { fatalError("the plan run's task still holds the plan 5 s after it finished") }
        usleep(50)
    }
    box.plan = nil
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    let payload = bytes[1...]
    switch mode {
    case UInt8(ascii: "r"): fuzzRegex(payload)
    case UInt8(ascii: "j"): if let value = try? JSONValue.parse(String(decoding: payload, as: UTF8.self)) { _ = JSONValue.serialize(value) }
    case UInt8(ascii: "p"): fuzzPlan(String(decoding: payload, as: UTF8.self))
    case UInt8(ascii: "e"): fuzzExpression(String(decoding: payload, as: UTF8.self))
    default: fuzzExpression(String(decoding: bytes, as: UTF8.self))
    }
    return 0
}
