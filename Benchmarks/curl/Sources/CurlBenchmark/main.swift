import AsyncHTTPClient
import CurlHTTP
import NIOCore

// Sequential GETs through CurlHTTP and through AsyncHTTPClient against the same local server; the best of
// three rounds each (rounds alternate between the clients), then the ratio.

let requests = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 10_000
let rounds = 3

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

func perSecond(_ count: Int, _ time: Duration) -> Double {
    let (seconds, atto) = time.components
    return Double(count) / (Double(seconds) + Double(atto) / 1e18)
}

_ = try await runCurl(500)  // warm-up: connection, caches
_ = try await runAHC(500)
var bestCurl = 0.0
var bestAHC = 0.0
for round in 1...rounds {
    let c = perSecond(requests, try await runCurl(requests))
    let a = perSecond(requests, try await runAHC(requests))
    print("round \(round): CurlHTTP \(Int(c)) req/s, AsyncHTTPClient \(Int(a)) req/s")
    bestCurl = max(bestCurl, c)
    bestAHC = max(bestAHC, a)
}
print("\(requests) sequential GETs, best of \(rounds) rounds")
print("CurlHTTP:        \(Int(bestCurl)) requests/s")
print("AsyncHTTPClient: \(Int(bestAHC)) requests/s")
print("ratio CurlHTTP / AsyncHTTPClient: " + String(Double(Int(bestCurl / bestAHC * 100)) / 100))

try await ahc.shutdown()
curl.shutdown()
try await server.stop()
