public import Hummingbird

/// `GET /debug/sleep?seconds=S`: answers after S seconds (at most `maxSeconds`). Registered only when
/// `debug.routes` is true; used to test graceful draining and client timeouts against the real binary.
public struct DebugRoutes: APIRouteGroup {
    public let maxSeconds: Double

    public init(maxSeconds: Double = 60) {
        self.maxSeconds = maxSeconds
    }

    struct Slept: Encodable {
        let slept_seconds: Double
    }

    public func register(on router: Router<QuiverRequestContext>) {
        let maxSeconds = self.maxSeconds
        router.get("/debug/sleep") { request, _ -> Response in
            let text = request.uri.queryParameters["seconds"].map(String.init) ?? "1"
            guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
                throw APIError.invalidRequest("seconds must be a non-negative number, got '\(text.prefix(40))'", path: "seconds")
            }
            guard seconds <= maxSeconds else {
                throw APIError.invalidRequest("seconds \(seconds) exceeds the limit of \(maxSeconds)", path: "seconds")
            }
            // Not cancelled by graceful shutdown on purpose: this is the in-flight request a drain waits for.
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return try Response.json(Slept(slept_seconds: seconds))
        }
    }
}
