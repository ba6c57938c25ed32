import ArgumentParser
import Sandbox
import SandboxJSON

/// `quiver eval 'EXPR' [--bindings JSON]`: evaluates one CEL expression and prints the value as JSON.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Evaluate a CEL expression and print the value as JSON.")

    @Argument(help: "The expression.") var expression: String
    @Option(help: "Variables as a JSON object, e.g. '{\"xs\": [1, 2, 3]}'.") var bindings: String?

    func run() throws {
        switch EvalCommand.evaluate(expression, bindings: bindings) {
        case .success(let text): print(text)
        case .failure(let e):
            FileHandleOutput.stderr("quiver: \(e.short)\n")
            throw ExitCode(1)
        }
    }

    static func evaluate(_ expression: String, bindings: String?) -> Result<String, SandboxError> {
        do throws(SandboxError) {
            let vars = try bindings.map { text throws(SandboxError) in try SandboxJSON.JSONValue.bindings(fromJSON: text) } ?? [:]
            let program = try Program.compile(expression: expression)
            return .success(SandboxJSON.JSONValue.serialize(try program.evaluate(bindings: vars)))
        } catch {
            return .failure(error)
        }
    }
}
