public import Hummingbird
import Logging

/// Requires `Authorization: Bearer <key>` on every path except the open ones (`/health`, `/ready`,
/// and `/metrics` when `metricsPublic`). Keys are never logged; the request carries only the key id.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = QuiverRequestContext

    public let keys: APIKeySet
    public let openPaths: Set<String>
    let metrics: APIMetrics?

    public init(keys: APIKeySet, openPaths: Set<String>, metrics: APIMetrics? = nil) {
        self.keys = keys
        self.openPaths = openPaths
        self.metrics = metrics
    }

    public func handle(
        _ request: Request,
        context: QuiverRequestContext,
        next: (Request, QuiverRequestContext) async throws -> Response
    ) async throws -> Response {
        guard !keys.isEmpty, !openPaths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else {
            metrics?.recordAuthFailure(reason: "missing")
            throw APIError.unauthorized("missing Authorization header; send 'Authorization: Bearer <API key>'")
        }
        guard let token = Self.bearerToken(header) else {
            metrics?.recordAuthFailure(reason: "malformed")
            throw APIError.unauthorized("Authorization header must use the Bearer scheme")
        }
        guard let keyID = keys.match(token) else {
            metrics?.recordAuthFailure(reason: "invalid")
            throw APIError.unauthorized("invalid API key")
        }
        var context = context
        context.apiKeyID = keyID
        context.logger[metadataKey: "api_key_id"] = .string(keyID)
        return try await next(request, context)
    }

    static func bearerToken(_ header: String) -> Substring? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].drop(while: { $0 == " " })
        return token.isEmpty ? nil : token
    }
}
