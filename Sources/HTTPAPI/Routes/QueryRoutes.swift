public import Hummingbird
import Orchestrator

/// `POST /v1/query`: rank tools, plan with the LLM, check, repair, run and (when asked) answer.
/// JSON by default; with `Accept: text/event-stream` the pipeline's events stream as server-sent
/// events as they happen, then a `done` event with the whole response.
public struct QueryRoutes: APIRouteGroup {
    public let service: QueryService

    public init(service: QueryService) {
        self.service = service
    }

    public func register(on router: Router<QuiverRequestContext>) {
        let service = self.service
        router.post("/v1/query") { request, context -> Response in
            let orchestrator = try service.requireOrchestrator()
            let body = try await request.decodeJSON(as: QueryRequestBody.self, context: context)
            let query = try body.request()
            let apiKeyID = context.apiKeyID
            if QueryRoutes.wantsEvents(request) {
                var streaming = query
                streaming.streamAnswer = true  // the answer's tokens as answer_delta events
                let events = streaming
                return QueryRoutes.stream { sink in
                    let outcome = await QueryRoutes.execute(orchestrator, service, events, body, sink: sink, apiKeyID: apiKeyID)
                    return [ServerSentEvent(name: "done", data: outcome.json.serialized)]
                }
            }
            let outcome = await QueryRoutes.execute(orchestrator, service, query, body, sink: NoEventSink(), apiKeyID: apiKeyID)
            var response = Response.json(bytes: outcome.json.serializedBytes, status: QueryRoutes.status(of: outcome.error))
            if outcome.error?.code == .unavailable { response.headers[.retryAfter] = "1" }
            return response
        }
    }

    /// Runs `query`, through the idempotency cache when the body has a key.
    static func execute(
        _ orchestrator: Orchestrator, _ service: QueryService, _ query: QueryRequest, _ body: QueryRequestBody, sink: any EventSink,
        apiKeyID: String?
    ) async -> QueryOutcome {
        guard let key = body.idempotency_key else {
            let outcome = await orchestrator.run(query, sink: sink)
            service.onFinished("query", query, outcome, apiKeyID)
            return outcome
        }
        let scoped = (apiKeyID ?? "-") + "\u{1}" + key
        switch await service.idempotency.begin(key: scoped, fingerprint: body.fingerprint) {
        case .hit(let outcome):
            outcome.events.forEach(sink.emit)
            return outcome
        case .conflict:
            var outcome = QueryOutcome(runID: "")
            outcome.error = OrchestratorError(.invalidRequest, "idempotency_key was already used with a different request body")
            return outcome
        case .miss:
            let outcome = await orchestrator.run(query, sink: sink)
            if outcome.error?.code == .cancelled {
                service.idempotency.abandon(key: scoped)
            } else {
                service.idempotency.complete(key: scoped, outcome: outcome)
            }
            service.onFinished("query", query, outcome, apiKeyID)
            return outcome
        }
    }

    static func wantsEvents(_ request: Request) -> Bool {
        request.headers[.accept]?.lowercased().contains("text/event-stream") ?? false
    }

    /// The HTTP status of an outcome: 200 when it succeeded.
    static func status(of error: OrchestratorError?) -> HTTPResponse.Status {
        guard let error else { return .ok }
        switch error.code {
        case .invalidRequest: return error.message.contains("idempotency_key") ? .conflict : .badRequest
        case .llm: return .badGateway
        case .planInvalid, .execution: return .unprocessableContent
        case .cancelled, .unavailable: return .serviceUnavailable
        default: return .internalServerError
        }
    }
}
