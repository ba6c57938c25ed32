public import Hummingbird
public import Logging

/// Builds Quiver's router and Hummingbird application from settings and route groups.
///
/// Middleware order (outermost first): request id, metrics and access log, the error mapping,
/// body limit, auth, rate limit. Middleware is added before any route, so it also wraps 404s.
public struct APIServer: Sendable {
    public let settings: HTTPSettings
    public let readiness: ReadinessRegistry
    public let metrics: APIMetrics
    public let routeGroups: [any APIRouteGroup]
    public let logger: Logger
    public let limiter: TokenBucketLimiter

    public init(
        settings: HTTPSettings,
        routeGroups: [any APIRouteGroup] = [],
        readiness: ReadinessRegistry = ReadinessRegistry(),
        metrics: APIMetrics? = nil,
        logger: Logger = Logger(label: "quiver.http")
    ) {
        self.settings = settings
        self.routeGroups = routeGroups
        self.readiness = readiness
        self.metrics = metrics ?? APIMetrics(version: settings.version)
        self.logger = logger
        self.limiter = TokenBucketLimiter(settings: settings.rateLimit)
    }

    /// The built-in groups (health, metrics, OpenAPI) followed by the capability groups.
    public var allRouteGroups: [any APIRouteGroup] {
        [HealthRoutes(readiness: readiness, version: settings.version), MetricsRoutes(metrics: metrics), OpenAPIRoutes()] + routeGroups
    }

    public func makeRouter() -> Router<QuiverRequestContext> {
        let router = Router(context: QuiverRequestContext.self)
        var openPaths = settings.openPaths
        if settings.metricsPublic { openPaths.insert("/metrics") }
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ObservationMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: settings.bodyLimitBytes))
        router.add(middleware: AuthMiddleware(keys: settings.apiKeys, openPaths: openPaths, metrics: metrics))
        router.add(middleware: RateLimitMiddleware(limiter: limiter, exemptPaths: settings.openPaths.union(["/metrics"]), metrics: metrics))
        for group in allRouteGroups {
            group.register(on: router)
        }
        return router
    }

    /// The application; run it inside a `ServiceGroup` (it is a `Service`). `GET /health` is answered on
    /// the event loop by ``HealthFastPath``; every other request goes through the router.
    public func makeApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> Application<RouterResponder<QuiverRequestContext>> {
        let probeBody = HealthRoutes.body(version: settings.version)
        let metrics = self.metrics
        return Application(
            router: makeRouter(),
            server: .http1(configuration: .init(additionalChannelHandlers: [HealthFastPath.Installer(HealthFastPath(body: probeBody, metrics: metrics))])),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }
}
