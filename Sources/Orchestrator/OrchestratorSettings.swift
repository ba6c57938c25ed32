public import Sandbox

/// Settings of the query pipeline (from the `planner.*` configuration keys).
public struct OrchestratorSettings: Sendable {
    /// When to send a GBNF grammar with planning calls.
    public enum GrammarMode: String, Sendable, CaseIterable {
        /// Never.
        case off
        /// Always (the endpoint must accept llama.cpp's `grammar` field).
        case on
        /// When the model says it accepts grammars.
        case auto
    }

    /// Tools offered to the model when the request names none. Default 8.
    public var k: Int = 8
    /// Largest `k` a request may ask for. Default 64.
    public var maxK: Int = 64
    /// Repairs after the first plan: a plan that still fails after this many is an error. Default 2.
    public var maxRepairs: Int = 2
    public var grammar: GrammarMode = .auto
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
