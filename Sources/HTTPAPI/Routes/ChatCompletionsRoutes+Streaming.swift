import Hummingbird
import Orchestrator
import Synchronization

extension ChatCompletionsRoutes {
    /// `stream: true`: a role chunk, then the answer's tokens as `chat.completion.chunk` deltas as the LLM
    /// streams them, a last chunk with the finish reason and usage, and `data: [DONE]`. A run that fails
    /// before any text was sent answers with the error as text (finish reason `error`); one that fails after
    /// (a truncated upstream stream) ends with an OpenAI error event (`data: {"error": {...}}`).
    static func stream(
        _ query: QueryRequest, _ orchestrator: Orchestrator, _ service: QueryService, apiKeyID: String?, id: String, created: Int, model: String
    ) -> Response {
        let role = chunk(id: id, created: created, model: model, delta: [("role", .string("assistant")), ("content", .string(""))], finish: nil)
        let streamed = StreamedFlag()
        return QueryRoutes.stream(
            map: { event in
                guard event.kind == .answerDelta, case .string(let delta)? = event["delta"] else { return nil }
                streamed.value.store(true, ordering: .relaxed)
                return chunk(id: id, created: created, model: model, delta: [("content", .string(delta))], finish: nil)
            },
            first: [role]
        ) { sink in
            let outcome = await orchestrator.run(query, sink: sink)
            service.onFinished("chat", query, outcome, apiKeyID)
            var last: [ServerSentEvent] = []
            if let error = outcome.error, streamed.value.load(ordering: .relaxed) {
                let body = JSONText.object([("error", .object([
                    ("message", .string(error.message)), ("type", .string(error.code.rawValue)), ("code", .null),
                ]))])
                return [ServerSentEvent(name: nil, data: body.serialized), ServerSentEvent(name: nil, data: "[DONE]")]
            }
            if !streamed.value.load(ordering: .relaxed) {
                last.append(chunk(id: id, created: created, model: model, delta: [("content", .string(content(of: outcome)))], finish: nil))
            }
            last.append(chunk(id: id, created: created, model: model, delta: [], finish: outcome.error == nil ? "stop" : "error", usage: outcome.usage))
            last.append(ServerSentEvent(name: nil, data: "[DONE]"))
            return last
        }
    }
}

/// Whether any answer text was streamed (set from the event mapper, read when the run ends).
final class StreamedFlag: Sendable {
    let value = Atomic<Bool>(false)
}
