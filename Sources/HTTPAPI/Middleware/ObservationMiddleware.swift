public import Hummingbird
import Logging

/// Records `quiver_requests_total` and `quiver_request_duration_seconds` by route template (never the
/// raw path), method and status, and writes one access-log line per request (probes and scrapes at
/// debug level, everything else at info).
public struct ObservationMiddleware: RouterMiddleware {
    public typealias Context = QuiverRequestContext

    let metrics: APIMetrics
    let quietPaths: Set<String>

    public init(metrics: APIMetrics, quietPaths: Set<String> = ["/health", "/ready", "/metrics"]) {
        self.metrics = metrics
        self.quietPaths = quietPaths
    }

    public func handle(
        _ request: Request,
        context: QuiverRequestContext,
        next: (Request, QuiverRequestContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = response.status.code
        } catch {
            // Only reached if something below the error middleware's reach throws.
            let duration = ContinuousClock.now - start
            metrics.recordRequest(route: route(context), method: request.method.rawValue, status: 500, duration: duration)
            throw error
        }
        let duration = ContinuousClock.now - start
        let route = route(context)
        metrics.recordRequest(route: route, method: request.method.rawValue, status: status, duration: duration)
        let level: Logger.Level = quietPaths.contains(request.uri.path) ? .debug : .info
        if context.logger.logLevel <= level {
            context.logger.log(
                level: level,
                "request",
                metadata: [
                    "method": .string(request.method.rawValue),
                    "path": .string(request.uri.path),
                    "route": .string(route),
                    "status": .stringConvertible(status),
                    "duration_ms": .stringConvertible(Double(duration.components.attoseconds / 1_000_000_000_000) / 1_000 + Double(duration.components.seconds) * 1_000),
                ]
            )
        }
        return response
    }

    private func route(_ context: QuiverRequestContext) -> String {
        guard let path = context.endpointPath, path != "NotFound" else { return "unmatched" }
        return path
    }
}
