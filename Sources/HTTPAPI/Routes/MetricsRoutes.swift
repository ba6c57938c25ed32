public import Hummingbird

/// `GET /metrics`: Prometheus text exposition (format 0.0.4).
public struct MetricsRoutes: APIRouteGroup {
    public let metrics: APIMetrics

    public init(metrics: APIMetrics) {
        self.metrics = metrics
    }

    public func register(on router: Router<QuiverRequestContext>) {
        let metrics = self.metrics
        router.get("/metrics") { _, _ -> Response in
            let bytes = metrics.exposition()
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.contentLength] = String(bytes.count)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
