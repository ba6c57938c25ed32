import ArgumentParser
import Orchestrator
import Synchronization

/// `quiver query "QUESTION"`: runs the pipeline in-process with the configured LLM, printing each stage
/// as it completes, then the answer (or result) on stdout.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Answer a question: rank tools, plan with the configured LLM, run the plan (progress on stderr).",
        discussion: ConfigOptions.flagHelp
    )

    @Option(name: .long, help: "The request's context as a JSON object (`input` in the plan).")
    var context: String?

    @Option(name: .long, help: "Offer these tools (comma-separated) instead of ranking.")
    var tools: String?

    @Flag(name: .long, help: "Phrase an answer with one more LLM call.")
    var answer = false

    @Flag(name: .long, help: "Print the whole response as JSON instead of the answer.")
    var json = false

    @Argument(help: "The question.")
    var question: String

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let parts = try await PlannerWiring.build(config: config)
        guard let orchestrator = parts.orchestrator else {
            FileHandleOutput.stderr("quiver: \(parts.problem ?? QueryServiceMessage.text)\n")
            throw ExitCode(3)
        }
        let request = QueryRequest(
            query: question, contextJSON: context, tools: tools.map { $0.split(separator: ",").map { String($0) } }, answer: answer)
        let sink = ClosureEventSink { event in FileHandleOutput.stderr(QueryCommand.progressLine(event) + "\n") }
        let outcome = await orchestrator.run(request, sink: sink)
        if json {
            print(outcome.json.serialized)
        } else if let answer = outcome.answer {
            print(answer)
        } else if let result = outcome.resultJSON {
            print(result)
        }
        if let error = outcome.error {
            FileHandleOutput.stderr("quiver: \(error.code): \(error.message)\n")
            throw ExitCode(1)
        }
    }

    static func progressLine(_ event: PipelineEvent) -> String {
        let at = "[\(Int(event.elapsedMilliseconds)) ms]"
        func text(_ name: String) -> String {
            guard let value = event[name] else { return "" }
            if case .string(let s) = value { return s }
            return value.serialized
        }
        switch event.kind {
        case .ranked: return "\(at) ranked: \(text("tools"))"
        case .plan: return "\(at) plan (attempt \(text("attempt"))):\n\(text("plan"))"
        case .repair: return "\(at) repair \(text("attempt")): \(text("errors"))"
        case .callStarted: return "\(at) call \(text("tool"))(\(text("arguments")))"
        case .callFinished: return "\(at) done \(text("tool")): \(text("status")) in \(text("duration_ms")) ms"
        case .result: return "\(at) result: \(event["result"] != nil ? text("result") : text("error"))"
        case .answer: return "\(at) answer ready"
        case .error: return "\(at) error: \(text("error"))"
        default: return "\(at) \(event.kind)"
        }
    }
}

enum QueryServiceMessage {
    static let text = "no LLM endpoint is configured: set QUIVER_LLM_BASE_URL (e.g. http://127.0.0.1:8089/v1) and QUIVER_LLM_MODEL, "
        + "and QUIVER_LLM_API_KEY or QUIVER_LLM_API_KEY_FILE when the endpoint needs a key"
}
