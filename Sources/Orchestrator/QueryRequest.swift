public import Sandbox

/// One query to the pipeline.
public struct QueryRequest: Sendable {
    public var query: String
    /// The request's context as a JSON object's text (`input` in the plan); nil for `{}`.
    public var contextJSON: String?
    /// Tools to offer instead of ranking (names in the catalog).
    public var tools: [String]?
    /// Tools to rank in; the settings' `k` when nil.
    public var k: Int?
    /// Limits for this run; each field at most the configured one (the lower wins).
    public var limits: Limits?
    /// Whether to phrase an answer; the settings' default when nil.
    public var answer: Bool?
    /// An id for this run (generated when nil).
    public var runID: String?
    /// Stream the phrased answer: the model's tokens are emitted as `answer_delta` events as they arrive
    /// (to the sink only; the outcome keeps the whole `answer` event). Default false.
    public var streamAnswer: Bool = false

    public init(query: String, contextJSON: String? = nil, tools: [String]? = nil, k: Int? = nil, limits: Limits? = nil,
                answer: Bool? = nil, runID: String? = nil) {
        self.query = query
        self.contextJSON = contextJSON
        self.tools = tools
        self.k = k
        self.limits = limits
        self.answer = answer
        self.runID = runID
    }
}
