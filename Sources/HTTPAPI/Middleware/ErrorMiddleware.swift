public import Hummingbird
import Logging

/// The one place errors become HTTP responses: every error thrown below (routes, auth, limits,
/// Hummingbird's own 404/413) is mapped by `APIError.from` and written as a JSON error body.
/// Errors without a mapping are logged with their details and answered with an opaque 500.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = QuiverRequestContext

    public init() {}

    public func handle(
        _ request: Request,
        context: QuiverRequestContext,
        next: (Request, QuiverRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = APIError.from(error, request: request, bodyLimit: context.bodyLimit)
            if apiError.status.code >= 500 && !(error is CancellationError) {
                // The error's type at error level; its full text (which may quote inputs) only at debug.
                context.logger.error(
                    "request failed",
                    metadata: ["error_type": .string(String(reflecting: type(of: error))), "path": .string(request.uri.path)]
                )
                context.logger.debug("request failure detail", metadata: ["error": .string(String(reflecting: error))])
            }
            return apiError.makeResponse()
        }
    }
}
