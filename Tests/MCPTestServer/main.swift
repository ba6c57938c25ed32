// A small MCP server for the Tools and serve tests, written with the Swift MCP SDK.
// Tools: `add` (a + b), `echo` (its arguments back as JSON text), `fail` (an error result),
// `slow` (answers after `ms` milliseconds), plus one tool per line of `--tools-file PATH`, re-read at
// every listing (each answers `{"tool": NAME, "args": ARGS}`), so a test can change the tool list; a
// line `!error` makes listing fail.
//
// Options: `--http` serves streamable HTTP (stateless, JSON answers) on 127.0.0.1 at a free port and
// prints `PORT <n>` on stdout (it exits when its stdin closes); without it, stdio. `--pid-file PATH`
// writes the process id; `--list-delay-ms N` delays every tools listing.
import MCP
import TestKit

import Foundation

struct Options: Sendable {
    var toolsFile: String?
    var pidFile: String?
    var listDelay = 0
    var http = false

    static func parse() -> Options {
        var o = Options()
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let option = arguments.next() {
            switch option {
            case "--tools-file": o.toolsFile = arguments.next()
            case "--pid-file": o.pidFile = arguments.next()
            case "--list-delay-ms": o.listDelay = Int(arguments.next() ?? "") ?? 0
            case "--http": o.http = true
            default: FileHandle.standardError.write(Data("unknown option \(option)\n".utf8))
            }
        }
        return o
    }
}

let options = Options.parse()
let toolsFile = options.toolsFile
let listDelay = options.listDelay
if let pidFile = options.pidFile {
    try String(ProcessInfo.processInfo.processIdentifier).write(toFile: pidFile, atomically: true, encoding: .utf8)
}

let server = Server(name: "quiver-test-mcp", version: "1.0.0", capabilities: .init(tools: .init(listChanged: false)))

let number: Value = .object(["type": .string("number")])
let fixedTools: [Tool] = [
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

/// Names listed in `--tools-file` now (one per line).
func fileToolNames(_ toolsFile: String?) -> [String] {
    guard let toolsFile, let text = try? String(contentsOfFile: toolsFile, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

await server.withMethodHandler(ListTools.self) { [toolsFile, listDelay] _ in
    if listDelay > 0 { try await Task.sleep(for: .milliseconds(listDelay)) }
    let names = fileToolNames(toolsFile)
    if names.contains("!error") { throw MCPError.internalError("listing broken on purpose") }
    let extra = names.filter { !$0.hasPrefix("!") }.map { name in
        Tool(
            name: name, description: "Test tool \(name) from the tools file: answers its name and arguments.",
            inputSchema: .object(["type": .string("object")]), annotations: .init(readOnlyHint: true))
    }
    return ListTools.Result(tools: fixedTools + extra)
}

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

await server.withMethodHandler(CallTool.self) { [toolsFile] params in
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
    case let name where fileToolNames(toolsFile).contains(name):
        return CallTool.Result(content: [.text(text: text(.object(["tool": .string(name), "args": .object(args)])), annotations: nil, _meta: nil)])
    default:
        return CallTool.Result(content: [.text(text: "tool \(params.name) failed on purpose", annotations: nil, _meta: nil)], isError: true)
    }
}

if options.http {
    let transport = StatelessHTTPServerTransport()
    try await server.start(transport: transport)
    let listener = try TestHTTPServer(lifetime: .seconds(3600)) { request in
        // The test server's handler is synchronous (one thread per connection): wait for the MCP answer.
        let answer = Answer()
        let headers = Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let mcpRequest = HTTPRequest(method: request.method, headers: headers, body: Data(request.body), path: request.path)
        Task {
            answer.set(await transport.handleRequest(mcpRequest))
        }
        let response = answer.wait()
        return TestHTTPResponse(
            status: response.statusCode, headers: response.headers.map { ($0.key, $0.value) }, body: .bytes(Array(response.bodyData ?? Data())))
    }
    FileHandle.standardOutput.write(Data("PORT \(listener.port)\n".utf8))
    // Exit when the parent closes our stdin (or dies).
    _ = FileHandle.standardInput.readDataToEndOfFile()
    exit(0)
} else {
    try await server.start(transport: StdioTransport())
    await server.waitUntilCompleted()
}

/// One HTTP answer handed from the MCP task to the connection thread.
final class Answer: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: HTTPResponse?

    func set(_ response: HTTPResponse) {
        condition.lock()
        value = response
        condition.signal()
        condition.unlock()
    }

    func wait() -> HTTPResponse {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value ?? .error(statusCode: 500, .internalError("no answer"))
    }
}
