import Catalog
import Foundation
import Sandbox
import Synchronization
import TestKit
import Testing
import Tools

/// A catalog made of one toolset file's text.
func catalog(_ json: String) throws -> Catalog {
    try Catalog.load(sources: [CatalogSource(name: "test.json", text: json)], options: CatalogLoadOptions(patternMatcher: LinearRegexPatternMatcher()))
}

/// One HTTP tool definition against `base` (a test server).
func httpTool(
    _ name: String, base: String, path: String = "/x", effect: String = "read", method: String = "GET", policy: String = "{}",
    extra: String = "", parameters: String = #"{"type": "object", "properties": {"q": {"type": "string"}}}"#
) -> String {
    """
    {"name": "\(name)", "description": "test tool", "parameters": \(parameters), "effect": "\(effect)",
     "binding": {"type": "http", "method": "\(method)", "base_url": {"default": "\(base)"}, "path": "\(path)"\(extra)},
     "policy": \(policy)}
    """
}

func toolset(_ tools: String...) -> String { #"{"tools": ["# + tools.joined(separator: ",") + "]}" }

/// Loopback allowed, as the tests' server is on 127.0.0.1.
let loopback = [IPNetwork("127.0.0.0/8")].compactMap { $0 }

func executor(
    _ catalog: Catalog, settings: ToolExecutorSettings = ToolExecutorSettings(), networks: [IPNetwork] = loopback,
    hosts: [String]? = nil, lookup: @escaping @Sendable (String) -> String? = { _ in nil }, observer: (any ToolCallObserver)? = nil,
    mcp: (any MCPToolCaller)? = nil
) throws -> CatalogToolExecutor {
    let http = try HTTPToolAdapter(settings: HTTPToolSettings(allowedHosts: hosts, allowedNetworks: networks, lookup: lookup), catalog: catalog)
    return CatalogToolExecutor(catalog: catalog, settings: settings, http: http, mcp: mcp, observer: observer)
}

/// Runs a plan and returns its outcome.
func run(_ source: String, _ executor: any ToolExecutor, input: Value = .map(MapValue()), limits: Limits = .default) async throws -> PlanOutcome {
    let plan = try Plan.parse(source: source, limits: limits)
    let report = plan.check(tools: executor.tools)
    #expect(report.errors.isEmpty, "\(report.errors)")
    return await PlanRunner.run(plan: plan, input: input, executor: executor, limits: limits)
}

/// The error message of a failed outcome, or "" when it succeeded.
func message(_ outcome: PlanOutcome) -> String { outcome.error?.message ?? "" }

/// Records tool-call statuses and breaker changes.
final class RecordingObserver: ToolCallObserver {
    let events = Mutex<[String]>([])
    func toolCallFinished(tool: String, status: String, duration: Duration) { events.withLock { $0.append("\(tool):\(status)") } }
    func circuitChanged(tool: String, open: Bool) { events.withLock { $0.append("\(tool):circuit:\(open ? "open" : "closed")") } }
    var all: [String] { events.withLock { $0 } }
}

/// Arrival times of requests at a test server, for measuring overlap.
final class Arrivals: Sendable {
    let times = Mutex<[ContinuousClock.Instant]>([])
    func record() { times.withLock { $0.append(.now) } }
    var count: Int { times.withLock { $0.count } }

    /// The most requests whose [arrival, arrival + busy) intervals overlap.
    func maxOverlap(busy: Duration) -> Int {
        let ts = times.withLock { $0 }.sorted()
        var best = 0
        for (i, t) in ts.enumerated() {
            let n = ts[...i].filter { t < $0 + busy }.count
            best = max(best, n)
        }
        return best
    }
}
