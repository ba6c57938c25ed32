import ArgumentParser
import Foundation
import HTTPAPI
import Sandbox
import Testing
import Tools

@testable import quiver

@Suite struct PlanCommandTests {
    static func config(_ flags: [String] = []) throws -> Configuration {
        let catalog = QuiverProcess.packageRoot.appendingPathComponent("catalog").path
        return try ConfigLoader().load(configPath: try emptyConfigFile(), environment: [:], flags: ["--catalog", catalog] + flags)
    }

    static let example = QuiverProcess.packageRoot.appendingPathComponent("sandbox/examples/temperature_report.plan").path

    @Test func runPrintsTheExamplePlansResultWithBundledBuiltins() async throws {
        let (service, executor) = try await ToolsSetup.makeService(config: Self.config(), environment: [:])
        #expect(executor.tools.contains { $0.name == "stats_describe" })
        let source = try String(contentsOfFile: Self.example, encoding: .utf8)
        let out = await RunCommand.execute(
            service: service, file: "temperature_report.plan", source: source, input: nil, overrides: .init(), trace: true)
        #expect(out.code == 0, "\(out.stderr)")
        #expect(out.stdout == #"{"days":5,"mean_c":13.7,"max_c":17.25,"max_f":63.1,"spread_c":7.75}"#)
        #expect(out.stderr.contains(#""tool":"stats_describe""#))
        #expect(out.stderr.contains(#""calls":5"#))

        let custom = await RunCommand.execute(
            service: service, file: "t.plan", source: source, input: #"{"temps_c": [20, 30]}"#, overrides: .init(), trace: false)
        #expect(custom.code == 0, "\(custom.stderr)")
        #expect(custom.stdout.contains(#""days":2"#))
        #expect(custom.stderr.isEmpty)
    }

    @Test func runLowersLimitsAndReportsErrors() async throws {
        let (service, _) = try await ToolsSetup.makeService(config: Self.config(), environment: [:])
        let source = try String(contentsOfFile: Self.example, encoding: .utf8)
        let limited = await RunCommand.execute(
            service: service, file: "p.plan", source: source, input: nil, overrides: .init(max_tool_calls: 2), trace: false)
        #expect(limited.code == 1)
        #expect(limited.stderr.contains("maxToolCalls"))
        #expect(limited.stdout.isEmpty)
        let raised = await RunCommand.execute(
            service: service, file: "p.plan", source: source, input: nil, overrides: .init(deadline_ms: 10_000_000), trace: false)
        #expect(raised.code == 1)
        #expect(raised.stderr.contains("deadline_ms"))
        let broken = await RunCommand.execute(service: service, file: "p.plan", source: "let a = 1;\nreturn a +;", input: nil, overrides: .init(), trace: false)
        #expect(broken.code == 1)
        #expect(broken.stderr.hasPrefix("p.plan:2:"))
    }

    @Test func checkPrintsFileLineColumn() async throws {
        let (service, _) = try await ToolsSetup.makeService(config: Self.config(), environment: [:])
        let bad = service.check(source: "let a = no_such_tool(x: 1);\nreturn a;", limits: service.limits)
        let (code, out, err) = CheckCommand.render(file: "bad.plan", bad)
        #expect(code == 1)
        #expect(out.isEmpty)
        #expect(err.hasPrefix("bad.plan:1:"))
        #expect(err.contains("no_such_tool"))
        let source = try String(contentsOfFile: Self.example, encoding: .utf8)
        let (okCode, okOut, _) = CheckCommand.render(file: "ok.plan", service.check(source: source, limits: service.limits))
        #expect(okCode == 0)
        #expect(okOut.contains(#""ok":true"#))
    }

    @Test func evalPrintsJSON() throws {
        #expect(try EvalCommand.evaluate("xs.filter(x, x > 1).map(x, x * 10)", bindings: #"{"xs": [1, 2, 3]}"#).get() == "[20,30]")
        #expect(try EvalCommand.evaluate(#"{"a": 1 + 2}"#, bindings: nil).get() == #"{"a":3}"#)
        guard case .failure(let e) = EvalCommand.evaluate("1 +", bindings: nil) else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(e.line == 1)
    }

    @Test func rootCommandListsPlanCommands() {
        let names = Quiver.configuration.subcommands.map { $0.configuration.commandName }
        #expect(names.contains("run"))
        #expect(names.contains("check"))
        #expect(names.contains("eval"))
    }
}
