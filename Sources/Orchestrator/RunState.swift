import Synchronization

/// The mutable state of one run, shared with concurrent tool-call observers.
final class RunState: Sendable {
    private struct State {
        var outcome: QueryOutcome
        var lastModelMilliseconds: Double = 0
        var failed = false
    }

    let start = ContinuousClock.now
    let sink: any EventSink
    private let state: Mutex<State>

    init(runID: String, sink: any EventSink) {
        self.sink = sink
        state = Mutex(State(outcome: QueryOutcome(runID: runID)))
    }

    var elapsed: Double { Stopwatch.ms(since: start) }

    var lastModelMilliseconds: Double { state.withLock { $0.lastModelMilliseconds } }

    func set(_ body: (inout QueryOutcome) -> Void) { state.withLock { body(&$0.outcome) } }

    func usage(_ body: (inout QueryUsage) -> Void) { state.withLock { body(&$0.outcome.usage) } }

    func emit(_ kind: PipelineEvent.Kind, _ fields: [(String, JSONText)]) {
        let event = PipelineEvent(kind: kind, elapsedMilliseconds: elapsed, fields: fields)
        state.withLock { $0.outcome.events.append(event) }
        sink.emit(event)
    }

    /// Sends an event to the sink without keeping it in the outcome (answer deltas).
    func emitTransient(_ kind: PipelineEvent.Kind, _ fields: [(String, JSONText)]) {
        sink.emit(PipelineEvent(kind: kind, elapsedMilliseconds: elapsed, fields: fields))
    }

    func recordModelCall(_ call: ModelCall) {
        state.withLock {
            $0.outcome.modelCalls.append(call)
            $0.lastModelMilliseconds = call.durationMilliseconds
            $0.outcome.usage.llmMilliseconds += call.durationMilliseconds
            $0.outcome.usage.promptTokens &+= call.promptTokens
            $0.outcome.usage.completionTokens &+= call.completionTokens
        }
    }

    /// Records the error and emits the `error` event (once).
    func fail(_ error: OrchestratorError) {
        let first = state.withLock { s -> Bool in
            guard !s.failed else { return false }
            s.failed = true
            s.outcome.error = error
            return true
        }
        if first { emit(.error, [("error", error.json)]) }
    }

    func finish() -> QueryOutcome {
        let total = elapsed
        return state.withLock {
            $0.outcome.usage.totalMilliseconds = total
            return $0.outcome
        }
    }
}
