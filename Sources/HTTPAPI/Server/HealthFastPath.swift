import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `GET /health` on the connection's event loop, before the request reaches the router.
///
/// Liveness is asked every few seconds by every kubelet and load balancer, and it means "the process
/// serves". Going through the router costs two thread switches (event loop → Swift concurrency → event
/// loop) and the whole middleware chain for a constant body; answering here costs one buffer write,
/// and still answers when the concurrency pool is saturated by real work. What the router would add
/// is kept: the request id is echoed (or generated) and the request is counted in
/// `quiver_requests_total` / `quiver_request_duration_seconds` under route `/health`.
///
/// Everything else passes through untouched. Order is preserved: HTTP/1.1 lets a client pipeline
/// requests, so a `/health` that arrives while an earlier request on the same connection is still
/// being answered is passed on too, and the router answers it in turn. A request asking to close the
/// connection, or `/health` with a query string, also goes to the router.
final class HealthFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let body: ByteBuffer
    private let contentLength: String
    private let metrics: APIMetrics
    /// Requests passed on to the router whose response has not ended yet.
    private var outstanding = 0
    /// Set between the head and the end of a `/health` request this handler answers.
    private var answering: (requestID: String, start: ContinuousClock.Instant)?

    init(body: ByteBuffer, metrics: APIMetrics) {
        self.body = body
        self.contentLength = String(body.readableBytes)
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if outstanding == 0, Self.isHealthProbe(request) {
                let id = request.headerFields[.xRequestID].flatMap(RequestIDMiddleware.accept) ?? RequestIDMiddleware.generate()
                answering = (id, ContinuousClock.now)
                return
            }
            outstanding += 1
            context.fireChannelRead(data)
        case .body:
            // A body sent with GET /health means nothing; drop it.
            if answering == nil { context.fireChannelRead(data) }
        case .end:
            guard let (id, start) = answering else {
                context.fireChannelRead(data)
                return
            }
            answering = nil
            // Counted before the answer leaves, so a client that reads /metrics next sees this probe.
            metrics.recordRequest(route: "/health", method: "GET", status: 200, duration: ContinuousClock.now - start)
            respond(context: context, requestID: id)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), outstanding > 0 { outstanding -= 1 }
        context.write(data, promise: promise)
    }

    private func respond(context: ChannelHandlerContext, requestID: String) {
        var fields = HTTPFields()
        fields.reserveCapacity(4)
        fields[.contentType] = "application/json"
        fields[.contentLength] = contentLength
        fields[.cacheControl] = "no-store"
        fields[.xRequestID] = requestID
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    static func isHealthProbe(_ request: HTTPRequest) -> Bool {
        guard request.method == .get, request.path == "/health" else { return false }
        if let connection = request.headerFields[.connection], connection.lowercased().contains("close") { return false }
        return true
    }
}
