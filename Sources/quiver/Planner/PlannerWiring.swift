import Analytics
import Catalog
import CurlHTTP
import HTTPAPI
import LLMClient
import Logging
import Orchestrator
import OrchestratorLLM
import Ranking
import Sandbox

/// Builds the query pipeline from the configuration: the LLM (nil when `llm.base_url` is unset), a
/// BM25 ranker over the catalog, and the builtin executor. `quiver serve` and `quiver query` share it.
enum PlannerWiring {
    struct Parts {
        var orchestrator: Orchestrator?
        var catalog: Catalog
        var problem: String?
        var catalogProblem: String?
    }

    /// The LLM adapter, nil when unconfigured; throws a message when half-configured.
    static func chatModel(config: Configuration) throws(PlannerWiringError) -> LLMChatModel? {
        guard let base = config[ConfigKeys.llmBaseURL], !base.isEmpty else { return nil }
        guard let model = config[ConfigKeys.llmModel], !model.isEmpty else {
            throw PlannerWiringError("llm.model (QUIVER_LLM_MODEL) must be set when llm.base_url is set")
        }
        var retry = LLMRetryPolicy()
        retry.maxAttempts = config[ConfigKeys.llmMaxAttempts]
        let configuration = LLMConfiguration(
            baseURL: base, model: model, apiKey: config[ConfigKeys.llmAPIKey], apiKeyFile: config[ConfigKeys.llmAPIKeyFile],
            requestTimeout: .milliseconds(Int64(config[ConfigKeys.llmTimeoutSeconds] * 1000)), retry: retry)
        let client: LLMClient
        do {
            client = try LLMClient(configuration: configuration)
        } catch {
            throw PlannerWiringError("cannot create the LLM client: \(error)")
        }
        return LLMChatModel(
            client: client, acceptsGrammar: config[ConfigKeys.llmAcceptsGrammar],
            jsonSchemaStyle: LLMChatModel.JSONSchemaStyle(rawValue: config[ConfigKeys.llmJSONSchema].rawValue) ?? LLMChatModel.JSONSchemaStyle.none)
    }

    static func settings(config: Configuration) -> OrchestratorSettings {
        var settings = OrchestratorSettings()
        settings.k = config[ConfigKeys.plannerK]
        settings.maxRepairs = config[ConfigKeys.plannerMaxRepairs]
        settings.constraint = OrchestratorSettings.ConstraintMode(rawValue: config[ConfigKeys.plannerConstraint].rawValue) ?? .auto
        settings.maxPlanSteps = config[ConfigKeys.plannerMaxPlanSteps]
        settings.maxPlanTokens = config[ConfigKeys.plannerMaxPlanTokens]
        settings.answerByDefault = config[ConfigKeys.plannerAnswer]
        return settings
    }

    /// Loads the catalog, builds a BM25 index and, when an LLM is configured, the pipeline.
    /// `selector` and `executor` are the served index and tool executor when `quiver serve` has them; without
    /// them (`quiver query`) a BM25 index over the catalog and the catalog's executor are built here.
    static func build(
        config: Configuration, model: (any ChatModel)? = nil, selector given: (any ToolSelector)? = nil,
        executor givenExecutor: (any ToolExecutor)? = nil
    ) async throws -> Parts {
        let catalog: Catalog
        var catalogProblem: String?
        do {
            catalog = try Catalog.load(directory: config[ConfigKeys.catalog])
        } catch {
            catalog = Catalog(tools: [])
            catalogProblem = "catalog \(config[ConfigKeys.catalog]) did not load (plans can use no tools): \(error)"
        }
        let selector: any ToolSelector
        if let given {
            selector = given
        } else {
            let index = try await ToolIndex.build(documents: catalog.tools.map(RankerToolSelector.document(for:)))
            selector = RankerToolSelector(ranker: ToolRanker(index: index), catalog: { catalog })
        }
        let executor: any ToolExecutor
        if let givenExecutor {
            executor = givenExecutor
        } else {
            executor = try await ToolsSetup.makeService(config: config).1
        }
        var chat: (any ChatModel)? = model
        do {
            if chat == nil { chat = try chatModel(config: config) }
        } catch {
            return Parts(orchestrator: nil, catalog: catalog, problem: error.message, catalogProblem: catalogProblem)
        }
        guard let chat else { return Parts(orchestrator: nil, catalog: catalog, problem: nil, catalogProblem: catalogProblem) }
        let orchestrator = Orchestrator(
            model: chat, selector: selector, executor: executor, settings: settings(config: config))
        return Parts(orchestrator: orchestrator, catalog: catalog, problem: nil, catalogProblem: catalogProblem)
    }

    /// The routes `/v1/query`, `/v1/chat/completions` and `/v1/models`.
    static func routeGroups(
        config: Configuration, logger: Logger, recorder: RunRecorder = .disabled,
        selector: (any ToolSelector)? = nil, executor: (any ToolExecutor)? = nil
    ) async throws -> [any APIRouteGroup] {
        let parts = try await build(config: config, selector: selector, executor: executor)
        if let problem = parts.catalogProblem { logger.warning("planner catalog", metadata: ["reason": .string(problem)]) }
        if let problem = parts.problem { logger.error("planner disabled", metadata: ["reason": .string(problem)]) }
        if parts.orchestrator == nil { logger.notice("no LLM configured (llm.base_url): /v1/query answers 503") }
        let service = QueryService(
            orchestrator: parts.orchestrator,
            unavailableMessage: parts.problem.map { "the LLM is misconfigured: \($0)" } ?? QueryService.defaultUnavailableMessage,
            idempotency: IdempotencyCache(
                ttl: .milliseconds(Int64(config[ConfigKeys.plannerIdempotencySeconds] * 1000)), capacity: config[ConfigKeys.plannerIdempotencyCapacity]),
            facadeModel: config[ConfigKeys.plannerFacadeModel],
            onFinished: QueryRunRecording.hook(recorder, storeQueryText: config[ConfigKeys.analyticsStoreQueryText]))
        return [QueryRoutes(service: service), ChatCompletionsRoutes(service: service)]
    }
}

struct PlannerWiringError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
