public import Sandbox

/// Settings of the query pipeline (from the `planner.*` configuration keys).
public struct OrchestratorSettings: Sendable {
    /// How planning calls constrain the model's output.
    public enum ConstraintMode: String, Sendable, CaseIterable {
        /// Free text, extracted and checked.
        case none
        /// A GBNF grammar of plan text over the chosen tools (``PlanGrammar``; llama.cpp's `grammar` field).
        case grammar
        /// A JSON schema of a structured plan over the chosen tools (``PlanSchema``; `response_format`),
        /// rendered to plan text (``StructuredPlan``).
        case jsonSchema = "json_schema"
        /// `grammar` when the model accepts grammars, else `json_schema` when it accepts JSON schemas, else `none`.
        case auto
    }

    /// Tools offered to the model when the request names none. Default 8.
    public var k: Int = 8
    /// Largest `k` a request may ask for. Default 64.
    public var maxK: Int = 64
    /// Repairs after the first plan: a plan that still fails after this many is an error. Default 2.
    public var maxRepairs: Int = 2
    public var constraint: ConstraintMode = .auto
    /// Most steps of a structured plan (constraint `json_schema`). Default 16.
    public var maxPlanSteps: Int = PlanSchema.defaultMaxSteps
    /// Token budget of a planning call. Default 512.
    public var maxPlanTokens: Int = 512
    /// Token budget of the answer call. Default 256.
    public var maxAnswerTokens: Int = 256
    public var temperature: Double = 0
    /// Whether to phrase an answer when the request does not say. Default false.
    public var answerByDefault: Bool = false
    /// Limits for running plans (requests may only lower them).
    public var limits: Limits = .default
    /// Longest query accepted, in UTF-8 bytes. Default 8 KiB.
    public var maxQueryBytes: Int = 8 * 1024

    public init() {}
}
