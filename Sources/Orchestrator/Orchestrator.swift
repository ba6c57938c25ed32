import Catalog
import Identifiers
public import Sandbox
import SandboxJSON
import Synchronization

/// The query pipeline: rank tools, prompt the model for a plan, check it (sending errors back for
/// repair at most ``OrchestratorSettings/maxRepairs`` times), run it, and optionally phrase an answer.
/// Every stage is timed and reported to an ``EventSink`` as it completes.
///
///     let orchestrator = Orchestrator(model: model, selector: selector, executor: executor)
///     let outcome = await orchestrator.run(QueryRequest(query: "What is 2 + 2?"))
///     print(outcome.resultJSON ?? outcome.error?.message ?? "")
public final class Orchestrator: Sendable {
    public let model: any ChatModel
    public let selector: any ToolSelector
    public let executor: any ToolExecutor
    public let settings: OrchestratorSettings
    let prompts = PromptBuilder()

    public init(model: any ChatModel, selector: any ToolSelector, executor: any ToolExecutor, settings: OrchestratorSettings = OrchestratorSettings()) {
        self.model = model
        self.selector = selector
        self.executor = executor
        self.settings = settings
    }

    /// Runs `request` to the end. Never throws: the outcome holds the result or the error.
    public func run(_ request: QueryRequest, sink: any EventSink = NoEventSink()) async -> QueryOutcome {
        let run = RunState(runID: request.runID ?? Orchestrator.newRunID(), sink: sink)
        await pipeline(request, run)
        return run.finish()
    }

    private func pipeline(_ request: QueryRequest, _ run: RunState) async {
        // Validate.
        guard !request.query.trimmed.isEmpty else {
            return run.fail(OrchestratorError(.invalidRequest, "query is empty"))
        }
        guard request.query.utf8.count <= settings.maxQueryBytes else {
            return run.fail(OrchestratorError(.invalidRequest, "query of \(request.query.utf8.count) bytes exceeds maxQueryBytes (\(settings.maxQueryBytes))"))
        }
        let k = request.k ?? settings.k
        guard (1...max(1, settings.maxK)).contains(k) else {
            return run.fail(OrchestratorError(.invalidRequest, "k = \(k) is out of range 1...\(settings.maxK)"))
        }
        let input: Value
        do {
            input = try Orchestrator.parseContext(request.contextJSON)
        } catch {
            return run.fail(error)
        }
        let limits = settings.limits.lowered(by: request.limits)

        // Rank.
        let selected: [SelectedTool]
        let searchStart = ContinuousClock.now
        if let names = request.tools {
            let found = selector.tools(named: names)
            let missing = names.filter { name in !found.contains { $0.name == name } }
            guard missing.isEmpty else {
                return run.fail(OrchestratorError(.invalidRequest, "unknown tools: " + missing.joined(separator: ", ")))
            }
            selected = found.map { SelectedTool(definition: $0, score: 1) }
        } else {
            do {
                selected = try await selector.select(query: request.query, k: k)
            } catch {
                run.usage { $0.searchMilliseconds = Stopwatch.ms(since: searchStart) }
                if error is any TemporarilyUnavailable {
                    return run.fail(OrchestratorError(.unavailable, "\(error)"))
                }
                return run.fail(OrchestratorError(.search, "ranking tools failed: \(error)"))
            }
        }
        let searchMs = Stopwatch.ms(since: searchStart)
        run.usage { $0.searchMilliseconds = searchMs }
        run.set { $0.toolsConsidered = selected.map { (name: $0.definition.name, score: $0.score) } }
        run.emit(.ranked, [
            ("tools", .array(selected.map { .object([("name", .string($0.definition.name)), ("score", .double($0.score))]) })),
            ("search_ms", .double(searchMs)),
        ])

        // Plan, with repairs.
        guard let plan = await plan(request, selected.map(\.definition), input: input, limits: limits, run) else { return }

        // Run, on the executor current now (a catalog reload during the run does not change its tools).
        let observed = ObservingExecutor(inner: executor.pinned) { kind, fields in run.emit(kind, fields) }
        let outcome = await PlanRunner.run(plan: plan, input: input, executor: observed, limits: limits)
        run.usage { $0.toolsMilliseconds = outcome.usage.wallMilliseconds }
        run.set {
            $0.trace = outcome.trace
            $0.toolCalls = outcome.usage.toolCalls
        }
        let resultJSON: String
        switch outcome.result {
        case .success(let value):
            resultJSON = SandboxJSON.JSONValue.serialize(value)
            run.set { $0.resultJSON = resultJSON }
            run.emit(.result, [
                ("result", .raw(resultJSON)), ("tool_calls", .int(outcome.usage.toolCalls)),
                ("tools_ms", .double(outcome.usage.wallMilliseconds)),
            ])
        case .failure(let error):
            let failure = OrchestratorError(
                error.kind == .cancelled ? .cancelled : .execution, error.short, kind: error.kind.rawValue, line: error.line,
                column: error.column, limit: error.limit)
            run.emit(.result, [("error", failure.json), ("tool_calls", .int(outcome.usage.toolCalls)),
                               ("tools_ms", .double(outcome.usage.wallMilliseconds))])
            return run.fail(failure)
        }

        // Answer.
        guard request.answer ?? settings.answerByDefault else { return }
        let messages = prompts.answer(query: request.query, resultJSON: resultJSON)
        let chat = ChatModelRequest(purpose: "answer", messages: messages, maxTokens: settings.maxAnswerTokens, temperature: settings.temperature)
        var onDelta: (@Sendable (String) -> Void)?
        if request.streamAnswer {
            onDelta = { @Sendable delta in run.emitTransient(.answerDelta, [("delta", .string(delta))]) }
        }
        guard let reply = await call(chat, run, onDelta: onDelta) else { return }
        let answer = reply.content.trimmed
        run.set { $0.answer = answer }
        run.emit(.answer, [("answer", .string(answer)), ("llm_ms", .double(run.lastModelMilliseconds))])
    }

    /// One model call, timed and counted; nil after failing the run.
    /// With `onDelta` the answer is streamed (``ChatModel/stream(_:onDelta:)``).
    func call(_ request: ChatModelRequest, _ run: RunState, onDelta: (@Sendable (String) -> Void)? = nil) async -> ChatModelReply? {
        let startedAt = run.elapsed
        let start = ContinuousClock.now
        do {
            let reply: ChatModelReply
            if let onDelta {
                reply = try await model.stream(request, onDelta: onDelta)
            } else {
                reply = try await model.complete(request)
            }
            let ms = Stopwatch.ms(since: start)
            run.recordModelCall(ModelCall(
                purpose: request.purpose, model: model.modelName, startedAtMilliseconds: startedAt, durationMilliseconds: ms, ok: true,
                error: nil, promptTokens: reply.promptTokens, completionTokens: reply.completionTokens, attempts: reply.attempts))
            return reply
        } catch {
            let ms = Stopwatch.ms(since: start)
            let cancelled = Task.isCancelled || error is CancellationError
            let message = String(describing: error)
            run.recordModelCall(ModelCall(
                purpose: request.purpose, model: model.modelName, startedAtMilliseconds: startedAt, durationMilliseconds: ms, ok: false,
                error: message, promptTokens: 0, completionTokens: 0, attempts: 1))
            run.fail(OrchestratorError(cancelled ? .cancelled : .llm, "model call (\(request.purpose)) failed: \(message)"))
            return nil
        }
    }

    static func parseContext(_ text: String?) throws(OrchestratorError) -> Value {
        guard let text, !text.trimmed.isEmpty else { return .map(MapValue()) }
        let value: Value
        do {
            value = try SandboxJSON.JSONValue.parse(text, numbers: .integralAsInt, maxDepth: 64)
        } catch {
            throw OrchestratorError(.invalidRequest, "context is not valid JSON: \(error.short)")
        }
        switch value {
        case .map: return value
        case .null: return .map(MapValue())
        default: throw OrchestratorError(.invalidRequest, "context must be a JSON object")
        }
    }

    /// A fresh run id, the same kind the analytics store gives the runs it records (``TimeOrderedID``).
    public static func newRunID() -> String {
        TimeOrderedID.make(prefix: "run_")
    }
}
