public import Hummingbird

/// Sets the request's body limit and refuses a declared `Content-Length` above it with 413 before
/// reading anything. Chunked bodies are capped while they are read (`Request.decodeJSON`).
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = QuiverRequestContext

    public let limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    public func handle(
        _ request: Request,
        context: QuiverRequestContext,
        next: (Request, QuiverRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.bodyLimit = limit
        if let declared = request.headers[.contentLength] {
            guard let length = Int(declared), length >= 0 else {
                throw APIError.invalidRequest("Content-Length '\(declared.prefix(40))' is not a byte count")
            }
            if length > limit {
                throw APIError.payloadTooLarge(limit: limit, received: length)
            }
        }
        return try await next(request, context)
    }
}
