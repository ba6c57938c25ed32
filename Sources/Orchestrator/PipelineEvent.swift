/// One stage of a query, reported as it completes (streamed as server-sent events, recorded by analytics).
public struct PipelineEvent: Sendable {
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Tools chosen: `tools` [{name, score}], `search_ms`.
        public static let ranked = Kind(rawValue: "ranked")
        /// A plan that parsed and checked: `plan`, `attempt`, `llm_ms`.
        public static let plan = Kind(rawValue: "plan")
        /// A plan that failed to parse or check and was sent back: `attempt`, `errors`, `plan`.
        public static let repair = Kind(rawValue: "repair")
        /// A tool call dispatched: `tool`, `arguments`, `line`, `column`.
        public static let callStarted = Kind(rawValue: "call_started")
        /// A tool call done: `tool`, `status`, `duration_ms`, `error`.
        public static let callFinished = Kind(rawValue: "call_finished")
        /// The plan's result (or its error): `result` | `error`, `tool_calls`, `tools_ms`.
        public static let result = Kind(rawValue: "result")
        /// The phrased answer: `answer`, `llm_ms`.
        public static let answer = Kind(rawValue: "answer")
        /// A piece of the answer as the model streams it (only with ``QueryRequest/streamAnswer``; not kept
        /// in the outcome): `delta`.
        public static let answerDelta = Kind(rawValue: "answer_delta")
        /// The run failed: `error` {type, message, ...}.
        public static let error = Kind(rawValue: "error")
    }

    public var kind: Kind
    /// Milliseconds since the run started.
    public var elapsedMilliseconds: Double
    public var fields: [(String, JSONText)]

    public init(kind: Kind, elapsedMilliseconds: Double, fields: [(String, JSONText)]) {
        self.kind = kind
        self.elapsedMilliseconds = elapsedMilliseconds
        self.fields = fields
    }

    /// `{"type": kind, "elapsed_ms": ..., fields...}`
    public var json: JSONText {
        .object([("type", .string(kind.rawValue)), ("elapsed_ms", .double(elapsedMilliseconds))] + fields)
    }

    /// The field `name`, when present.
    public subscript(name: String) -> JSONText? { fields.first { $0.0 == name }?.1 }
}

/// Receives a run's events as they happen. Called from the pipeline's task (and, for tool calls, from
/// concurrent tasks): keep it cheap and non-blocking (yield into an `AsyncStream`, append under a lock).
public protocol EventSink: Sendable {
    func emit(_ event: PipelineEvent)
}

/// An ``EventSink`` that calls a closure.
public struct ClosureEventSink: EventSink {
    let body: @Sendable (PipelineEvent) -> Void
    public init(_ body: @escaping @Sendable (PipelineEvent) -> Void) { self.body = body }
    public func emit(_ event: PipelineEvent) { body(event) }
}

/// An ``EventSink`` that drops everything.
public struct NoEventSink: EventSink {
    public init() {}
    public func emit(_ event: PipelineEvent) {}
}
