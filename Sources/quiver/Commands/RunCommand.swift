import ArgumentParser
import HTTPAPI
import Sandbox
import SandboxJSON

/// `quiver run FILE [--input JSON] [--deadline-ms N] [--max-cost N] [--max-tool-calls N] [--trace]`: checks and
/// runs a plan against the configured catalog through the same path as `POST /v1/plans/run`. Prints the
/// result as JSON on stdout (the trace and usage on stderr with `--trace`); exit 1 with the error on stderr.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Check and run a plan against the catalog's tools.", discussion: ConfigOptions.flagHelp)

    @Argument(help: "The plan file.") var file: String
    @Option(help: "The plan's input as JSON (default {}).") var input: String?
    @Option(name: .customLong("deadline-ms"), help: "Lower the wall-clock deadline (ms).") var deadlineMs: Int?
    @Option(name: .customLong("max-cost"), help: "Lower the cost budget.") var maxCost: Int?
    @Option(name: .customLong("max-tool-calls"), help: "Lower the tool-call limit.") var maxToolCalls: Int?
    @Flag(help: "Print the trace and usage on stderr.") var trace = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let source = try PlanFiles.read(file)
        let (service, _) = try await PlanFiles.service(config)
        let output = await RunCommand.execute(
            service: service, file: file, source: source, input: input,
            overrides: PlanService.LimitOverrides(deadline_ms: deadlineMs, max_cost: maxCost, max_tool_calls: maxToolCalls), trace: trace)
        if !output.stdout.isEmpty { print(output.stdout) }
        if !output.stderr.isEmpty { FileHandleOutput.stderr(output.stderr) }
        if output.code != 0 { throw ExitCode(output.code) }
    }

    struct Output: Sendable {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// The command's whole behaviour without the process around it (tests call this).
    static func execute(
        service: PlanService, file: String, source: String, input: String?, overrides: PlanService.LimitOverrides, trace: Bool
    ) async -> Output {
        let limits: Limits
        do throws(PlanService.LimitError) {
            limits = try service.effectiveLimits(overrides)
        } catch {
            return Output(code: 1, stdout: "", stderr: "quiver: \(error.message)\n")
        }
        let inputValue: Value
        do throws(SandboxError) {
            inputValue = try input.map { text throws(SandboxError) in try SandboxJSON.JSONValue.parse(text, numbers: .integralAsInt) } ?? .map(MapValue())
        } catch {
            return Output(code: 1, stdout: "", stderr: "quiver: --input: \(error.short)\n")
        }
        switch await service.run(source: source, input: inputValue, limits: limits) {
        case .rejected(let errors):
            return Output(code: 1, stdout: "", stderr: errors.map { "\(file):\($0.line):\($0.column): \(PlanService.describe($0))\n" }.joined())
        case .ran(let outcome):
            var err = ""
            if trace {
                err += SandboxJSON.JSONValue.serialize(.object(["trace": PlanService.traceValue(outcome.trace), "usage": PlanService.usageValue(outcome.usage)])) + "\n"
            }
            switch outcome.result {
            case .success(let value): return Output(code: 0, stdout: SandboxJSON.JSONValue.serialize(value), stderr: err)
            case .failure(let e):
                let position = e.line > 0 ? "\(e.line):\(e.column): " : ""
                return Output(code: 1, stdout: "", stderr: err + "\(file):\(position)\(e.kind): \(PlanService.describe(e))\n")
            }
        }
    }
}
