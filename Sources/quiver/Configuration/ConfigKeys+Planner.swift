/// The query pipeline (`/v1/query`, the chat facade, `quiver query`).
extension ConfigKeys {
    static let plannerK = ConfigKey<Int>("planner.k", default: 8, help: "Tools offered to the LLM per query (ranked top k).", validate: Check.range(1...64))
    static let plannerMaxRepairs = ConfigKey<Int>(
        "planner.max_repairs", default: 2, help: "Times a plan that fails to parse or check is sent back for repair before the query fails.",
        validate: Check.range(0...10))
    static let plannerGrammar = ConfigKey<GrammarSetting>(
        "planner.grammar", default: .auto, help: "Send a GBNF grammar of valid plans: on, off, or auto (when llm.accepts_grammar).")
    static let plannerMaxPlanTokens = ConfigKey<Int>(
        "planner.max_plan_tokens", default: 512, help: "Token budget of one planning call.", validate: Check.range(16...32_768))
    static let plannerAnswer = ConfigKey<Bool>(
        "planner.answer", default: false, help: "Phrase an answer with one more LLM call when a /v1/query request does not say.")
    static let plannerFacadeModel = ConfigKey<String>(
        "planner.facade_model", default: "quiver", help: "Model name of the OpenAI-compatible facade (/v1/chat/completions, /v1/models).",
        validate: Check.nonEmpty)
    static let plannerIdempotencySeconds = ConfigKey<Double>(
        "planner.idempotency_seconds", default: 300, help: "How long an idempotency_key returns the same run.", validate: Check.range(1...86_400))
    static let plannerIdempotencyCapacity = ConfigKey<Int>(
        "planner.idempotency_capacity", default: 10_000, help: "Idempotency keys remembered (oldest dropped first).",
        validate: Check.range(1...10_000_000))

    static let plannerKeys: [any AnyConfigKey] = [
        plannerK, plannerMaxRepairs, plannerGrammar, plannerMaxPlanTokens, plannerAnswer, plannerFacadeModel, plannerIdempotencySeconds,
        plannerIdempotencyCapacity,
    ]
}

enum GrammarSetting: String, ConfigEnum {
    case on, off, auto
}
