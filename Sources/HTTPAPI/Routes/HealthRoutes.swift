public import Hummingbird

/// `GET /health` (liveness: the process serves) and `GET /ready` (readiness: every registered check passes).
public struct HealthRoutes: APIRouteGroup {
    public let readiness: ReadinessRegistry
    let healthBody: ByteBuffer

    public init(readiness: ReadinessRegistry, version: String) {
        self.readiness = readiness
        self.healthBody = Self.body(version: version)
    }

    /// The constant body of `GET /health`: `{"status":"ok","version":...}`.
    static func body(version: String) -> ByteBuffer {
        let body = (try? JSONCoding.encode(Health(status: "ok", version: version))) ?? Array(#"{"status":"ok"}"#.utf8)
        return ByteBuffer(bytes: body)
    }

    struct Health: Encodable {
        let status: String
        let version: String
    }

    struct Ready: Encodable {
        let status: String
        let checks: [Check]
    }

    struct Check: Encodable {
        let name: String
        let ready: Bool
        let message: String
    }

    public func register(on router: Router<QuiverRequestContext>) {
        let healthBody = self.healthBody
        let length = String(healthBody.readableBytes)
        router.get("/health") { _, _ -> Response in
            var headers = HTTPFields()
            headers.reserveCapacity(3)
            headers[.contentType] = "application/json"
            headers[.contentLength] = length
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: healthBody))
        }
        let readiness = self.readiness
        router.get("/ready") { _, _ -> Response in
            let results = await readiness.evaluate()
            let allReady = results.allSatisfy(\.report.ready)
            let body = Ready(
                status: allReady ? "ready" : "not_ready",
                checks: results.map { Check(name: $0.name, ready: $0.report.ready, message: $0.report.message) }
            )
            var response = try Response.json(body, status: allReady ? .ok : .serviceUnavailable)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
