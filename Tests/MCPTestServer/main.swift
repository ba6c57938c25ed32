// A small MCP server over stdio for the Tools tests, written with the Swift MCP SDK.
// Tools: `add` (a + b), `echo` (its arguments back as JSON text), `fail` (an error result),
// `slow` (answers after `ms` milliseconds).
import MCP

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

let server = Server(name: "quiver-test-mcp", version: "1.0.0", capabilities: .init(tools: .init(listChanged: false)))

let number: Value = .object(["type": .string("number")])
let tools: [Tool] = [
    Tool(
        name: "add", description: "Add two numbers.",
        inputSchema: .object([
            "type": .string("object"), "properties": .object(["a": number, "b": number]),
            "required": .array([.string("a"), .string("b")]),
        ]), annotations: .init(readOnlyHint: true)),
    Tool(name: "echo", description: "Echo the arguments as JSON.", inputSchema: .object(["type": .string("object")]), annotations: .init(readOnlyHint: true)),
    Tool(name: "fail", description: "Always reports an error.", inputSchema: .object(["type": .string("object")])),
    Tool(
        name: "slow", description: "Answers after ms milliseconds.",
        inputSchema: .object(["type": .string("object"), "properties": .object(["ms": .object(["type": .string("integer")])])]),
        annotations: .init(readOnlyHint: true)),
]

await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }

func text(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .int(let i): String(i)
    case .double(let d): String(d)
    case .string(let s): "\"\(s)\""
    case .data: "\"<data>\""
    case .array(let xs): "[" + xs.map(text).joined(separator: ",") + "]"
    case .object(let d): "{" + d.keys.sorted().map { "\"\($0)\":" + text(d[$0] ?? .null) }.joined(separator: ",") + "}"
    }
}

func double(_ v: Value?) -> Double {
    switch v {
    case .int(let i): Double(i)
    case .double(let d): d
    default: .nan
    }
}

await server.withMethodHandler(CallTool.self) { params in
    let args = params.arguments ?? [:]
    switch params.name {
    case "add":
        return CallTool.Result(content: [.text(text: String(double(args["a"]) + double(args["b"])), annotations: nil, _meta: nil)])
    case "echo":
        return CallTool.Result(content: [.text(text: text(.object(args)), annotations: nil, _meta: nil)])
    case "slow":
        let ms = min(max(Int(exactly: double(args["ms"]).rounded()) ?? 0, 0), 10_000)
        try await Task.sleep(for: .milliseconds(ms))
        return CallTool.Result(content: [.text(text: "{\"slept_ms\": \(ms)}", annotations: nil, _meta: nil)])
    default:
        return CallTool.Result(content: [.text(text: "tool \(params.name) failed on purpose", annotations: nil, _meta: nil)], isError: true)
    }
}

try await server.start(transport: StdioTransport())
await server.waitUntilCompleted()
