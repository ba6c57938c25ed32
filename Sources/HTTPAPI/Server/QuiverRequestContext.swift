public import Hummingbird
public import Logging
public import NIOCore

/// The per-request context of every Quiver route.
public struct QuiverRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Address of the connected peer (nil in router-level tests).
    public let remoteAddress: SocketAddress?
    /// The request id (from `X-Request-Id` when valid, generated otherwise); set by `RequestIDMiddleware`.
    public var requestID: String = ""
    /// A stable, non-secret identifier of the API key that authenticated this request (`key_` + 12 hex
    /// digits of its SHA-256), for logs and analytics. Nil when auth is off or the route is open.
    public var apiKeyID: String?
    /// Body limit in bytes for this request (`body_limit_bytes`); set by `BodyLimitMiddleware`.
    public var bodyLimit: Int = HTTPSettings.defaultBodyLimitBytes

    public var maxUploadSize: Int { bodyLimit }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The client address used to key rate limits when auth is off.
    public var clientAddress: String {
        remoteAddress?.ipAddress ?? "unknown"
    }
}
