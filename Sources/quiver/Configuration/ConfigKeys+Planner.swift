/// The query pipeline (`/v1/query`, the chat facade, `quiver query`).
extension ConfigKeys {
    static let plannerK = ConfigKey<Int>("planner.k", default: 8, help: "Tools offered to the LLM per query (ranked top k).", validate: Check.range(1...64))
    static let plannerMaxRepairs = ConfigKey<Int>(
        "planner.max_repairs", default: 2, help: "Times a plan that fails to parse or check is sent back for repair before the query fails.",
        validate: Check.range(0...10))
    static let plannerConstraint = ConfigKey<ConstraintSetting>(
        "planner.constraint", default: .auto,
        help: "Constrain planning calls: none; grammar (GBNF of plan text, llm.accepts_grammar endpoints); json_schema (response_format "
            + "with a structured plan, see llm.json_schema); auto (grammar when llm.accepts_grammar, else json_schema when llm.json_schema "
            + "is not none, else none).")
    static let plannerMaxPlanSteps = ConfigKey<Int>(
        "planner.max_plan_steps", default: 16, help: "Most steps of a structured plan (planner.constraint json_schema).",
        validate: Check.range(1...256))
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
        plannerK, plannerMaxRepairs, plannerConstraint, plannerMaxPlanSteps, plannerMaxPlanTokens, plannerAnswer, plannerFacadeModel, plannerIdempotencySeconds,
        plannerIdempotencyCapacity,
    ]
}

enum ConstraintSetting: String, ConfigEnum {
    case none, grammar, json_schema, auto
}
