import Synchronization
@testable import Sandbox

/// A test double for `ToolExecutor`: tools with scripted behaviour and an event log.
final class FakeTools: ToolExecutor {
    typealias Behaviour = @Sendable (Value) async throws -> Value

    let tools: [ToolDescription]
    private let behaviours: [String: Behaviour]
    let events = Mutex<[String]>([])
    let inFlight = Atomic<Int>(0)
    let maxInFlight = Atomic<Int>(0)
    let calls = Atomic<Int>(0)
    /// Each finished call's own start and end instants (in finishing order), so tests can show overlap or
    /// ordering from what the calls did instead of bounding the wall time of the whole run.
    let spans = Mutex<[CallSpan]>([])

    struct CallSpan {
        let tool: String
        let start: ContinuousClock.Instant
        let end: ContinuousClock.Instant
    }

    init(_ list: [(ToolDescription, Behaviour)]) {
        tools = list.map(\.0)
        var b: [String: Behaviour] = [:]
        for (d, f) in list { b[d.name] = f }
        behaviours = b
    }

    var log: [String] { events.withLock { $0 } }

    /// The recorded spans, ordered by start.
    var callSpans: [CallSpan] { spans.withLock { $0 }.sorted { $0.start < $1.start } }

    /// Whether every recorded call was in flight at one common instant: the latest start came before
    /// the earliest end. Calls run one after another can never satisfy this, however fast the machine.
    var allCallsOverlapped: Bool {
        let spans = callSpans
        guard let latestStart = spans.map(\.start).max(), let earliestEnd = spans.map(\.end).min() else { return false }
        return latestStart < earliestEnd
    }

    func call(_ call: ToolCall) async throws -> Value {
        calls.add(1, ordering: .relaxed)
        let now = inFlight.add(1, ordering: .relaxed).newValue
        var seen = maxInFlight.load(ordering: .relaxed)
        while now > seen {
            let (ok, cur) = maxInFlight.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if ok { break }
            seen = cur
        }
        let start = ContinuousClock.now
        defer {
            let span = CallSpan(tool: call.tool, start: start, end: .now)
            spans.withLock { $0.append(span) }
            inFlight.subtract(1, ordering: .relaxed)
        }
        events.withLock { $0.append("start:\(call.tool)") }
        guard let f = behaviours[call.tool] else { throw ToolFailure("no such tool") }
        do {
            let v = try await f(call.arguments)
            events.withLock { $0.append("end:\(call.tool)") }
            return v
        } catch is CancellationError {
            events.withLock { $0.append("cancelled:\(call.tool)") }
            throw CancellationError()
        }
    }

    /// A read tool that sleeps `ms` then returns its arguments.
    static func sleeper(_ name: String, ms: Int, effect: ToolEffect = .read, params: [String] = ["x"]) -> (ToolDescription, Behaviour) {
        (
            ToolDescription(name: name, effect: effect, parameters: params.map { .init(name: $0) }),
            { args in
                try await Task.sleep(for: .milliseconds(ms))
                return args
            }
        )
    }

    /// A tool that returns `value` at once.
    static func constant(_ name: String, _ value: Value, params: [ToolDescription.Parameter] = [.init(name: "x")]) -> (ToolDescription, Behaviour) {
        (ToolDescription(name: name, parameters: params), { _ in value })
    }
}

/// Polls `condition` every 5 ms until it holds or `seconds` pass (what it checks is asserted by the caller).
func waitUntil(seconds: Int, _ condition: () -> Bool) async {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition(), ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(5))
    }
}

func elapsedMilliseconds(_ body: () async -> Void) async -> Double {
    let t0 = ContinuousClock.now
    await body()
    let d = ContinuousClock.now - t0
    return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

/// Timing-sensitive and CPU-heavy tests take this lock so that they do not disturb each other
/// (Swift Testing runs tests in parallel on a 2-core machine).
enum TimingLock {
    static let gate = Gate(permits: 1)

    static func run<T>(_ body: () async throws -> T) async throws -> T {
        try await gate.acquire()
        defer { gate.release() }
        return try await body()
    }
}

/// Runs `body` up to three times until it takes less than `limit` ms; returns the best time.
func bestOfThree(under limit: Double, _ body: () async -> Void) async -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
        best = min(best, await elapsedMilliseconds(body))
        if best < limit { break }
    }
    return best
}
