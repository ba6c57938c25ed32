public import Hummingbird
import Orchestrator
import Sandbox

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The OpenAI-compatible facade: `POST /v1/chat/completions` with the model ``QueryService/facadeModel``
/// runs the pipeline on the last user message and answers in OpenAI's shape (`stream: true` gives
/// `chat.completion.chunk` events and `data: [DONE]`); `GET /v1/models` lists the model.
public struct ChatCompletionsRoutes: APIRouteGroup {
    public let service: QueryService

    public init(service: QueryService) {
        self.service = service
    }

    public func register(on router: Router<QuiverRequestContext>) {
        let service = self.service
        router.get("/v1/models") { _, _ -> Response in
            let body = JSONText.object([
                ("object", .string("list")),
                ("data", .array([.object([
                    ("id", .string(service.facadeModel)), ("object", .string("model")), ("created", .int(0)), ("owned_by", .string("quiver")),
                ])])),
            ])
            return Response.json(bytes: body.serializedBytes)
        }
        router.post("/v1/chat/completions") { request, context -> Response in
            let body = try await request.decodeJSON(as: ChatCompletionsBody.self, context: context)
            guard body.model == service.facadeModel else {
                throw APIError(
                    type: "model_not_found", status: .notFound,
                    message: "model '\(body.model)' does not exist; this endpoint serves '\(service.facadeModel)'")
            }
            guard let question = body.messages.last(where: { $0.role == "user" })?.content.text, !question.isEmpty else {
                throw APIError.invalidRequest("messages must contain a user message with text", path: "$.messages")
            }
            let orchestrator = try service.requireOrchestrator()
            var query = QueryRequest(query: question, answer: true)
            let apiKeyID = context.apiKeyID
            let id = "chatcmpl-" + Orchestrator.newRunID().dropFirst(4)
            let created = Int(Date().timeIntervalSince1970)
            let model = service.facadeModel
            if body.stream ?? false {
                query.streamAnswer = true
                return ChatCompletionsRoutes.stream(query, orchestrator, service, apiKeyID: apiKeyID, id: id, created: created, model: model)
            }
            let outcome = await orchestrator.run(query)
            service.onFinished("chat", query, outcome, apiKeyID)
            if let error = outcome.error, error.code != .execution {
                throw APIError(type: error.code.rawValue, status: QueryRoutes.status(of: error), message: error.message)
            }
            let response = JSONText.object([
                ("id", .string(id)), ("object", .string("chat.completion")), ("created", .int(created)), ("model", .string(model)),
                ("choices", .array([.object([
                    ("index", .int(0)),
                    ("message", .object([("role", .string("assistant")), ("content", .string(ChatCompletionsRoutes.content(of: outcome)))])),
                    ("finish_reason", .string("stop")),
                ])])),
                ("usage", ChatCompletionsRoutes.usage(outcome.usage)),
                ("quiver", outcome.json),
            ])
            return Response.json(bytes: response.serializedBytes)
        }
    }

    /// The assistant's text: the phrased answer, else the result as JSON, else the error.
    static func content(of outcome: QueryOutcome) -> String {
        if let answer = outcome.answer, !answer.isEmpty { return answer }
        if let result = outcome.resultJSON { return result }
        return "Quiver could not answer: " + (outcome.error?.message ?? "unknown error")
    }

    static func usage(_ usage: QueryUsage) -> JSONText {
        .object([
            ("prompt_tokens", .int(usage.promptTokens)), ("completion_tokens", .int(usage.completionTokens)),
            ("total_tokens", .int(usage.promptTokens &+ usage.completionTokens)),
        ])
    }

    static func chunk(id: String, created: Int, model: String, delta: [(String, JSONText)], finish: String?, usage: QueryUsage? = nil) -> ServerSentEvent {
        var fields: [(String, JSONText)] = [
            ("id", .string(id)), ("object", .string("chat.completion.chunk")), ("created", .int(created)), ("model", .string(model)),
            ("choices", .array([.object([("index", .int(0)), ("delta", .object(delta)), ("finish_reason", finish.map { .string($0) } ?? .null)])])),
        ]
        if let usage { fields.append(("usage", ChatCompletionsRoutes.usage(usage))) }
        return ServerSentEvent(name: nil, data: JSONText.object(fields).serialized)
    }
}

/// The parts of an OpenAI chat request the facade reads (other fields are accepted and ignored).
struct ChatCompletionsBody: Decodable {
    struct Message: Decodable {
        var role: String
        var content: Content
    }

    /// A string, or a list of parts of which the `text` ones are joined.
    struct Content: Decodable {
        var text: String

        struct Part: Decodable {
            var type: String?
            var text: String?
        }

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                text = ""
            } else if let string = try? single.decode(String.self) {
                text = string
            } else {
                text = try single.decode([Part].self).compactMap(\.text).joined(separator: "\n")
            }
        }
    }

    var model: String
    var messages: [Message]
    var stream: Bool?
}
