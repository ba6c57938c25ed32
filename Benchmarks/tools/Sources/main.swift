// Tools benchmark (run through Benchmarks/tools/run.sh, release build).
//
// 1. Overhead per tool call: a plan fanning out N calls of a builtin that does almost nothing
//    (`text_lowercase(text: "a")`) through PlanRunner + CatalogToolExecutor (validation, policy,
//    conversion, trace), minus the same builtin called directly N times.
// 2. HTTP tool calls per second to a local server at 8 concurrent: a plan fanning out N calls of an
//    HTTP tool (concurrency 8) vs the same N requests made directly through one CurlClient by 8 tasks.
//    The ratio is Quiver's overhead on HTTP tool calls.
import Catalog
import CurlHTTP
import Sandbox
import TestKit
import Tools

import Foundation

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

func best(_ runs: Int, _ body: () async throws -> Void) async rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try await body()
        fastest = min(fastest, seconds(ContinuousClock.now - start))
    }
    return fastest
}

let arguments = CommandLine.arguments.dropFirst()
let catalogDirectory = arguments.first ?? "catalog"
let n = arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000

var limits = Limits()
limits.maxToolCalls = n
limits.maxCollectionEntries = max(limits.maxCollectionEntries, n)
limits.deadlineMilliseconds = 600_000
limits.maxCost = 1_000_000_000
let input: Value = .object(["xs": .list((0..<n).map { .int(Int64($0)) })])

// 1. Builtin overhead.
let bundled = try Catalog.load(directory: catalogDirectory, options: CatalogLoadOptions(patternMatcher: LinearRegexPatternMatcher()))
let builtinExecutor = CatalogToolExecutor(catalog: bundled)
let builtinPlan = try Plan.parse(source: #"return input.xs.map(x, text_lowercase(text: "a")).size();"#, limits: limits)
let builtins = BuiltinTools()
print("tools benchmark: \(n) calls per run, best of 5")
for concurrency in [1, 8] {
    var l = limits
    l.maxConcurrentCalls = concurrency
    let planned = try await best(5) {
        let outcome = await PlanRunner.run(plan: builtinPlan, input: input, executor: builtinExecutor, limits: l)
        guard outcome.value != nil else { fatalError("plan failed: \(String(describing: outcome.error))") }
    }
    let direct = try await best(5) {
        for _ in 0..<n { _ = try builtins.call("text_lowercase", arguments: ["text": "a"]) }
    }
    let perCall = (planned - direct) / Double(n) * 1e6
    print(String(format: "builtin no-op via plan (concurrency %d): %.2f µs/call; direct call %.2f µs/call; overhead %.2f µs/call",
                 concurrency, planned / Double(n) * 1e6, direct / Double(n) * 1e6, perCall))
}

// 2. HTTP tool calls/s at 8 concurrent.
let body = Array(#"{"ok": true, "value": 42}"#.utf8)
let server = try TestHTTPServer(lifetime: .seconds(600), maxConnections: 64) { _ in
    TestHTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: .bytes(body))
}
let toolset = #"{"tools": [{"name": "ping", "description": "local", "parameters": {"type": "object", "properties": {"i": {"type": "integer"}}}, "effect": "read", "binding": {"type": "http", "base_url": {"default": "\#(server.baseURL)"}, "path": "/ping", "query": {"i": "{i}"}}, "policy": {"max_concurrency": 8}}]}"#
let httpCatalog = try Catalog.load(sources: [CatalogSource(name: "bench.json", text: toolset)])
let adapter = try HTTPToolAdapter(
    settings: HTTPToolSettings(allowedNetworks: [IPNetwork("127.0.0.0/8")].compactMap { $0 }), catalog: httpCatalog)
let httpExecutor = CatalogToolExecutor(catalog: httpCatalog, http: adapter)
let httpPlan = try Plan.parse(source: "return input.xs.map(x, ping(i: x).value).size();", limits: limits)
var l8 = limits
l8.maxConcurrentCalls = 8
let client = try CurlClient(configuration: .init(maxConnectionsPerHost: 64))
let viaPlan = try await best(5) {
    let outcome = await PlanRunner.run(plan: httpPlan, input: input, executor: httpExecutor, limits: l8)
    guard outcome.value != nil else { fatalError("plan failed: \(String(describing: outcome.error))") }
}
let direct = try await best(5) {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for w in 0..<8 {
            group.addTask {
                var i = w
                while i < n {
                    let r = try await client.execute(CurlRequest(url: "\(server.baseURL)/ping?i=\(i)", headers: [("Accept", "application/json")]))
                    guard r.status == 200 else { fatalError("status \(r.status)") }
                    i += 8
                }
            }
        }
        try await group.waitForAll()
    }
}
let planRate = Double(n) / viaPlan, directRate = Double(n) / direct
print(String(format: "HTTP tool via plan (8 concurrent): %.0f calls/s", planRate))
print(String(format: "HTTP direct CurlHTTP (8 concurrent): %.0f calls/s", directRate))
print(String(format: "ratio plan/direct: %.3f (overhead %.1f µs/call)", planRate / directRate, (viaPlan - direct) / Double(n) * 1e6))
await server.stop()
