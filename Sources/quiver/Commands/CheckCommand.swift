import ArgumentParser
import HTTPAPI
import Sandbox
import SandboxJSON


/// `quiver check FILE`: the static check of a plan against the configured catalog, as `/v1/plans/check` does.
/// Exit 0 when clean (bounds on stdout), 1 with one `FILE:LINE:COL: message` line per error on stderr.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Statically check a plan against the catalog's tools.", discussion: ConfigOptions.flagHelp)

    @Argument(help: "The plan file.") var file: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let source = try PlanFiles.read(file)
        let (service, _) = try await PlanFiles.service(config)
        let result = service.check(source: source, limits: service.limits)
        let (code, out, err) = CheckCommand.render(file: file, result)
        if !out.isEmpty { print(out) }
        if !err.isEmpty { FileHandleOutput.stderr(err) }
        if code != 0 { throw ExitCode(code) }
    }

    /// Exit code, stdout and stderr for a check result.
    static func render(file: String, _ result: Result<(Plan, CheckReport), SandboxError>) -> (Int32, String, String) {
        switch result {
        case .failure(let e): return (1, "", "\(file):\(e.line):\(e.column): \(PlanService.describe(e))\n")
        case .success(let (_, report)):
            if report.isClean { return (0, SandboxJSON.JSONValue.serialize(PlanService.reportValue(report)), "") }
            return (1, "", report.errors.map { "\(file):\($0.line):\($0.column): \(PlanService.describe($0))\n" }.joined())
        }
    }
}
