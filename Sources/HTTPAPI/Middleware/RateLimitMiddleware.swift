public import Hummingbird

/// Token-bucket rate limiting per API key id (per client address when unauthenticated). Open paths
/// (probes) are never limited. Over the limit: 429 with `Retry-After`, counted in
/// `quiver_rate_limited_total`.
public struct RateLimitMiddleware: RouterMiddleware {
    public typealias Context = QuiverRequestContext

    public let limiter: TokenBucketLimiter
    public let exemptPaths: Set<String>
    let metrics: APIMetrics?

    public init(limiter: TokenBucketLimiter, exemptPaths: Set<String>, metrics: APIMetrics? = nil) {
        self.limiter = limiter
        self.exemptPaths = exemptPaths
        self.metrics = metrics
    }

    public func handle(
        _ request: Request,
        context: QuiverRequestContext,
        next: (Request, QuiverRequestContext) async throws -> Response
    ) async throws -> Response {
        guard limiter.settings.enabled, !exemptPaths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        let key = context.apiKeyID ?? "addr:" + context.clientAddress
        switch limiter.acquire(key: key) {
        case .allowed:
            return try await next(request, context)
        case .limited(let retryAfter):
            metrics?.recordRateLimited()
            throw APIError.rateLimited(
                retryAfterSeconds: retryAfter,
                limitPerMinute: limiter.settings.requestsPerMinute,
                burst: limiter.settings.burst
            )
        }
    }
}
