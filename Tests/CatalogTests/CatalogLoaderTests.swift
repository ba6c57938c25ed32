import Foundation
import Testing
@testable import Catalog

/// A minimal valid builtin tool definition, as JSON text, with the members of `extra` (JSON object members) replacing its own.
func toolJSON(_ name: String, _ extra: String = "") -> String {
    var tool: JSONObject = [
        "name": .string(name), "description": .string("Does \(name)."), "effect": "read",
        "parameters": ["type": "object", "properties": ["x": ["type": "number"]]],
        "binding": ["type": "builtin", "function": .string(name)],
    ]
    if !extra.isEmpty, let members = try? JSONParser.parse("{\(extra)}").objectValue {
        for (key, value) in members { tool[key] = value }
    }
    return JSONValue.object(tool).serialized()
}

func loadIssues(_ files: [(String, String)], options: CatalogLoadOptions = CatalogLoadOptions()) -> [String] {
    do {
        _ = try Catalog.load(sources: files.map { CatalogSource(name: $0.0, text: $0.1) }, options: options)
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

@Suite struct CatalogLoaderTests {
    @Test func loadsValidToolsets() throws {
        let catalog = try Catalog.load(sources: [
            CatalogSource(name: "a.json", text: #"{"tools": [\#(toolJSON("alpha")), \#(toolJSON("beta"))]}"#),
            CatalogSource(name: "b.json", text: #"{"$schema": "./schema.json", "tools": [\#(toolJSON("gamma"))]}"#),
        ])
        #expect(catalog.names == ["alpha", "beta", "gamma"])
        #expect(catalog["beta"]?.file == "a.json")
        #expect(catalog["gamma"]?.effect == .read)
        #expect(catalog["delta"] == nil)
    }

    @Test(arguments: [
        (#"{"tools": [\#(toolJSON("w", #""parameters": {"type": "object", "properties": {"city": {"type": "strin"}}}"#))]}"#,
         #"catalog/weather.json: $.tools[0].parameters.properties.city.type: unknown type "strin" (did you mean "string"?)"#),
        (#"{"tools": [\#(toolJSON("w", #""parameters": {"type": "array"}"#))]}"#,
         #"catalog/weather.json: $.tools[0].parameters: the parameters schema must have "type": "object""#),
        (#"{"tools": [\#(toolJSON("w", #""name": "2fast""#))]}"#,
         #"catalog/weather.json: $.tools[0].name: tool name "2fast" is not an identifier (letters, digits and '_', not starting with a digit)"#),
        (#"{"tools": [\#(toolJSON("w", #""name": "get-weather""#))]}"#,
         #"catalog/weather.json: $.tools[0].name: tool name "get-weather" is not an identifier (letters, digits and '_', not starting with a digit)"#),
        (#"{"tools": [\#(toolJSON("w", #""description": " ""#))]}"#, "catalog/weather.json: $.tools[0].description: must not be empty"),
        (#"{"tools": [\#(toolJSON("w", #""effect": "delete""#))]}"#,
         #"catalog/weather.json: $.tools[0].effect: must be "read" or "write", found "delete""#),
        (#"{"tools": [\#(toolJSON("w", #""tags": ["a", "a"]"#))]}"#, #"catalog/weather.json: $.tools[0].tags[1]: duplicate tag "a""#),
        (#"{"tools": [\#(toolJSON("w", #""colour": 1"#))]}"#,
         #"catalog/weather.json: $.tools[0].colour: unknown key "colour" (allowed: binding, description, effect, examples, name, parameters, policy, result, tags)"#),
        (#"{"tools": [\#(toolJSON("w", #""policy": {"timeout_ms": 0}"#))]}"#,
         "catalog/weather.json: $.tools[0].policy.timeout_ms: 0 is outside the allowed range 1...600000"),
        (#"{"tools": [\#(toolJSON("w", #""effect": "write", "policy": {"retries": 2}"#))]}"#,
         "catalog/weather.json: $.tools[0].policy.retries: a write tool must not be retried (retries apply to read tools only)"),
        (#"{"tools": [\#(toolJSON("w", #""binding": {"type": "ftp"}"#))]}"#,
         #"catalog/weather.json: $.tools[0].binding.type: unknown binding type "ftp" (expected builtin, http or mcp)"#),
        (#"{"tools": [\#(toolJSON("w", #""binding": {"type": "builtin"}"#))]}"#,
         "catalog/weather.json: $.tools[0].binding.function: required key missing"),
        (#"{"tools": [\#(toolJSON("w", #""binding": {"type": "mcp", "server": "", "tool": "t"}"#))]}"#,
         "catalog/weather.json: $.tools[0].binding.server: must not be empty"),
        (#"{"tools": [\#(toolJSON("w", #""examples": [{"arguments": {"x": "one"}}]"#))]}"#,
         #"catalog/weather.json: $.tools[0].examples[0].arguments.x: example does not match the parameters: expected number, found string "one""#),
        (#"{"tools": [{"name": "w"}]}"#, "catalog/weather.json: $.tools[0].description: required key missing"),
        (#"{"tools": [3]}"#, "catalog/weather.json: $.tools[0]: a tool must be an object, found integer"),
        (#"{"tools": {}}"#, "catalog/weather.json: $.tools: must be an array, found object"),
        (#"{"toolz": []}"#, #"catalog/weather.json: $.toolz: unknown key "toolz" (allowed: $schema, description, tools)"#),
        ("[]", #"catalog/weather.json: $: a toolset must be an object {"tools": [...]}, found array"#),
        ("{\n  \"tools\": [\n    {\"name\": \"w\",}\n  ]\n}", "catalog/weather.json:3:18: expected a string key, found '}'"),
    ])
    func reportsEachProblemWithFileAndPath(text: String, expected: String) {
        let issues = loadIssues([("catalog/weather.json", text)])
        #expect(issues.contains(expected), "\(issues)")
    }

    @Test func requiredFieldsMissingAreAllReported() {
        let issues = loadIssues([("t.json", #"{"tools": [{"name": "w"}]}"#)])
        #expect(issues == [
            "t.json: $.tools[0].description: required key missing",
            "t.json: $.tools[0].parameters: required key missing",
            "t.json: $.tools[0].effect: required key missing",
            "t.json: $.tools[0].binding: required key missing",
        ])
    }

    @Test func collectsProblemsAcrossFiles() {
        let issues = loadIssues([
            ("catalog/a.json", #"{"tools": [\#(toolJSON("w", #""effect": "x""#))]}"#),
            ("catalog/b.json", "{"),
            ("catalog/c.json", #"{"tools": [\#(toolJSON("v", #""tags": [1]"#))]}"#),
        ])
        #expect(issues.count == 3)
        #expect(issues[0].hasPrefix("catalog/a.json: $.tools[0].effect"))
        #expect(issues[1].hasPrefix("catalog/b.json:1:2:"))
        #expect(issues[2] == "catalog/c.json: $.tools[0].tags[0]: must be a string, found integer")
    }

    @Test func duplicateNamesAcrossFiles() {
        let issues = loadIssues([
            ("catalog/a.json", #"{"tools": [\#(toolJSON("lookup"))]}"#),
            ("catalog/b.json", #"{"tools": [\#(toolJSON("other")), \#(toolJSON("lookup"))]}"#),
        ])
        #expect(issues == [#"catalog/b.json: $.tools[1].name: duplicate tool name "lookup" (first defined in catalog/a.json at $.tools[0])"#])
    }

    @Test func duplicateNamesInOneFile() {
        let issues = loadIssues([("x.json", #"{"tools": [\#(toolJSON("a")), \#(toolJSON("a")), \#(toolJSON("a"))]}"#)])
        #expect(issues.count == 2)
        #expect(issues.allSatisfy { $0.contains("duplicate tool name \"a\" (first defined in x.json at $.tools[0])") })
    }

    @Test(arguments: ["size", "has", "exists_one", "map", "filter", "int", "timestamp", "matches", "in", "let", "return", "input",
                      "true", "null", "dyn", "greatest", "lowerAscii", "math", "round"])
    func reservedNamesAreRefused(name: String) {
        let issues = loadIssues([("r.json", #"{"tools": [\#(toolJSON(name))]}"#)])
        #expect(issues == [#"r.json: $.tools[0].name: tool name "\#(name)" is reserved by the plan language"#])
    }

    @Test func reservedNamesCanBeReplaced() {
        let options = CatalogLoadOptions(reservedNames: ["weather"])
        #expect(loadIssues([("r.json", #"{"tools": [\#(toolJSON("size"))]}"#)], options: options).isEmpty)
        #expect(loadIssues([("r.json", #"{"tools": [\#(toolJSON("weather"))]}"#)], options: options).count == 1)
    }

    @Test func maxToolsLimit() {
        let options = CatalogLoadOptions(maxTools: 2)
        let text = #"{"tools": [\#(toolJSON("a")), \#(toolJSON("b")), \#(toolJSON("c"))]}"#
        #expect(loadIssues([("m.json", text)], options: options) == ["m.json: 3 tools exceed the limit maxTools=2"])
        #expect(loadIssues([("m.json", text)], options: CatalogLoadOptions(maxTools: 3)).isEmpty)
    }

    @Test func maxFileBytesLimit() {
        let text = #"{"tools": [\#(toolJSON("a"))]}"#
        let issues = loadIssues([("big.json", text)], options: CatalogLoadOptions(maxFileBytes: 100))
        #expect(issues == ["big.json: file of \(text.utf8.count) bytes exceeds the limit maxFileBytes=100"])
    }

    @Test func maxDepthLimit() {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let issues = loadIssues([("d.json", #"{"tools": \#(deep)}"#)])
        #expect(issues.count == 1)
        #expect(issues[0].contains("maxDepth=64"))
    }

    @Test func contentHashIsStableOverFileOrderAndFormatting() throws {
        let a = #"{"tools": [\#(toolJSON("a"))]}"#
        let b = #"{"tools": [\#(toolJSON("b"))]}"#
        let one = try Catalog.load(sources: [CatalogSource(name: "1.json", text: a), CatalogSource(name: "2.json", text: b)])
        let two = try Catalog.load(sources: [CatalogSource(name: "z.json", text: b), CatalogSource(name: "y.json", text: "\n" + a)])
        #expect(one.contentHash == two.contentHash)
        #expect(one.contentHash.count == 64)
        let changed = try Catalog.load(sources: [
            CatalogSource(name: "1.json", text: a),
            CatalogSource(name: "2.json", text: #"{"tools": [\#(toolJSON("b", #""description": "Other.""#))]}"#),
        ])
        #expect(changed.contentHash != one.contentHash)
    }

    @Test func loadsADirectoryAndSkipsSchema() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"tools": [\#(toolJSON("b"))]}"#.write(to: dir.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        try #"{"tools": [\#(toolJSON("a"))]}"#.write(to: dir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try #"{"not": "a toolset"}"#.write(to: dir.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        try "notes".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let catalog = try Catalog.load(directory: dir.path)
        #expect(catalog.names == ["a", "b"])
        #expect(catalog["a"]?.file == dir.path + "/a.json")
    }

    @Test func missingDirectoryIsAnError() {
        #expect(throws: CatalogError.self) { try Catalog.load(directory: "/nonexistent/catalog-dir") }
    }
}

@Suite struct ReservedNamesOverloadTests {
    @Test func directoryLoadTakesReservedNames() {
        do {
            _ = try Catalog.load(directory: bundledCatalogDirectory, reservedNames: ["math_add", "web_search"])
            Issue.record("expected reserved-name issues")
        } catch {
            #expect(error.issues.count == 2)
            #expect(error.issues.allSatisfy { $0.message.contains("is reserved by the plan language") })
        }
    }
}
