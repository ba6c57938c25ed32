import HTTPTypes
public import Orchestrator

/// What the query routes (`/v1/query`, `/v1/chat/completions`, `/v1/models`) need: the pipeline (nil
/// when no LLM is configured: those routes answer 503 with ``unavailableMessage``), the idempotency
/// cache, the facade's model name, and a hook called with every finished run (analytics).
public struct QueryService: Sendable {
    public let orchestrator: Orchestrator?
    public let unavailableMessage: String
    public let idempotency: IdempotencyCache
    /// The model name `/v1/chat/completions` answers to and `/v1/models` lists.
    public let facadeModel: String
    /// Called once per finished run with its kind (`query` or `chat`), the request and the outcome.
    public let onFinished: @Sendable (_ kind: String, _ request: QueryRequest, _ outcome: QueryOutcome, _ apiKeyID: String?) -> Void

    public static let defaultUnavailableMessage =
        "no LLM endpoint is configured: set QUIVER_LLM_BASE_URL (e.g. http://127.0.0.1:8089/v1) and QUIVER_LLM_MODEL, "
        + "and QUIVER_LLM_API_KEY or QUIVER_LLM_API_KEY_FILE when the endpoint needs a key (or llm.base_url, llm.model, "
        + "llm.api_key, llm.api_key_file in the config file); tool search and /v1/plans/run work without one"

    public init(
        orchestrator: Orchestrator?, unavailableMessage: String = QueryService.defaultUnavailableMessage,
        idempotency: IdempotencyCache = IdempotencyCache(), facadeModel: String = "quiver",
        onFinished: @escaping @Sendable (String, QueryRequest, QueryOutcome, String?) -> Void = { _, _, _, _ in }
    ) {
        self.orchestrator = orchestrator
        self.unavailableMessage = unavailableMessage
        self.idempotency = idempotency
        self.facadeModel = facadeModel
        self.onFinished = onFinished
    }

    /// The pipeline, or a 503 saying how to configure an LLM.
    func requireOrchestrator() throws -> Orchestrator {
        guard let orchestrator else {
            throw APIError(type: "llm_not_configured", status: .serviceUnavailable, message: unavailableMessage)
        }
        return orchestrator
    }
}
