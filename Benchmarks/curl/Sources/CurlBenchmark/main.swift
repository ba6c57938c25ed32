import AsyncHTTPClient
import CurlHTTP
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

// Sequential GETs through CurlHTTP and through AsyncHTTPClient against the same local server; the best of
// five rounds each (rounds alternate between the clients, so both see the same machine load), then the ratio.
// Usage: CurlBenchmark [requests] [curl|ahc]

let requests = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 10_000
let rounds = 5
/// "curl" or "ahc" to run one client only (for profiling); both by default.
let only = CommandLine.arguments.dropFirst(2).first

let server = LocalServer()
try await server.start()
let url = "http://127.0.0.1:\(server.port)/health"

let curl = try CurlClient()
let ahc = HTTPClient(eventLoopGroupProvider: .singleton)

func runCurl(_ count: Int) async throws -> Duration {
    let start = ContinuousClock.now
    for _ in 0..<count {
        let response = try await curl.get(url)
        guard response.status == 200, response.body.count == 2 else { fatalError("curl: unexpected response \(response.status)") }
    }
    return ContinuousClock.now - start
}

func runAHC(_ count: Int) async throws -> Duration {
    let start = ContinuousClock.now
    for _ in 0..<count {
        let response = try await ahc.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok, body.readableBytes == 2 else { fatalError("ahc: unexpected response \(response.status)") }
    }
    return ContinuousClock.now - start
}

/// User + system CPU seconds of this process so far (client and server together).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

func perSecond(_ count: Int, _ time: Duration) -> Double {
    let (seconds, atto) = time.components
    return Double(count) / (Double(seconds) + Double(atto) / 1e18)
}

if only != "ahc" { _ = try await runCurl(500) }  // warm-up: connection, caches
if only != "curl" { _ = try await runAHC(500) }
var bestCurl = 0.0
var bestAHC = 0.0
var cpuCurl = Double.infinity
var cpuAHC = Double.infinity
for round in 1...rounds {
    var c = 0.0
    var a = 0.0
    if only != "ahc" {
        let before = cpuSeconds()
        c = perSecond(requests, try await runCurl(requests))
        cpuCurl = min(cpuCurl, (cpuSeconds() - before) / Double(requests) * 1e6)
    }
    if only != "curl" {
        let before = cpuSeconds()
        a = perSecond(requests, try await runAHC(requests))
        cpuAHC = min(cpuAHC, (cpuSeconds() - before) / Double(requests) * 1e6)
    }
    print("round \(round): CurlHTTP \(Int(c)) req/s, AsyncHTTPClient \(Int(a)) req/s")
    bestCurl = max(bestCurl, c)
    bestAHC = max(bestAHC, a)
}
print("\(requests) sequential GETs, best of \(rounds) rounds")
print("CurlHTTP:        \(Int(bestCurl)) requests/s, \(Int(cpuCurl)) µs CPU per request (client + server, best round)")
print("AsyncHTTPClient: \(Int(bestAHC)) requests/s, \(Int(cpuAHC)) µs CPU per request (client + server, best round)")
if bestCurl > 0 && bestAHC > 0 {
    print("ratio CurlHTTP / AsyncHTTPClient: " + String(Double(Int(bestCurl / bestAHC * 100)) / 100) + " (requests/s), "
          + String(Double(Int(cpuAHC / cpuCurl * 100)) / 100) + " (CPU per request, AsyncHTTPClient / CurlHTTP)")
}

try await ahc.shutdown() as Void
curl.shutdown()
try await server.stop()
