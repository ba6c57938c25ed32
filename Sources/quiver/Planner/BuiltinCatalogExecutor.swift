import Catalog
import Orchestrator
import Sandbox
import Tools

/// A minimal ``ToolExecutor`` over the catalog's builtin tools, used until the Tools module's full
/// executor (builtins, HTTP, MCP) is wired in. Tools bound to HTTP or MCP fail with a clear message.
struct BuiltinCatalogExecutor: ToolExecutor {
    let catalog: Catalog
    let builtins = BuiltinTools()
    let tools: [ToolDescription]

    init(catalog: Catalog) {
        self.catalog = catalog
        tools = catalog.tools.map(\.sandboxDescription)
    }

    func call(_ call: ToolCall) async throws -> Value {
        guard let definition = catalog[call.tool] else { throw ToolFailure("unknown tool '\(call.tool)'") }
        guard case .builtin(let function) = definition.binding else {
            throw ToolFailure("tool '\(call.tool)' is bound to \(definition.binding.kind); this server runs builtin tools only")
        }
        // Catalog's and Sandbox's JSON types cross as text (the types are inferred: quiver has its own JSONValue).
        let text: String
        do {
            let arguments = try JSONParser.parse(Sandbox.JSONValue.serialize(call.arguments))
            let checked = try definition.validateArguments(arguments)
            text = try builtins.call(function, arguments: checked).serialized()
        } catch let error as ArgumentError {
            throw ToolFailure(error.description)
        } catch let error as ToolError {
            throw ToolFailure(error.description)
        } catch {
            throw ToolFailure("arguments of '\(call.tool)' are not JSON: \(error)")
        }
        do {
            return try Sandbox.JSONValue.parse(text, numbers: .integralAsInt)
        } catch {
            throw ToolFailure("result of '\(call.tool)' could not be read: \(error.short)")
        }
    }
}
