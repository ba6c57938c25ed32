import Orchestrator
import Sandbox
import Testing

@Suite struct PlanTextTests {
    @Test(arguments: [
        ("let a = 1;\nreturn a;", "let a = 1;\nreturn a;"),
        ("```\nlet a = 1;\nreturn a;\n```", "let a = 1;\nreturn a;"),
        ("Sure! Here it is:\n```plan\nlet a = 1;\nreturn a;\n```\nThis returns 1.", "let a = 1;\nreturn a;"),
        ("The plan:\nlet a = 1;\nreturn {\n  \"x\": a\n};\nThat is all.", "let a = 1;\nreturn {\n  \"x\": a\n};"),
        ("return \"}\";\nprose", "return \"}\";"),
        ("no plan here", "no plan here"),
    ])
    func extraction(input: String, expected: String) {
        #expect(PlanExtractor.extract(input) == expected)
    }

    @Test func grammarHasEveryRuleItUses() throws {
        let tools = [ToolDescription(name: "get_weather", parameters: [.init(name: "city", required: true)]), ToolDescription(name: "now")]
        let grammar = PlanGrammar.gbnf(tools: tools)
        var defined = Set<String>()
        var used = Set<String>()
        for line in grammar.split(separator: "\n") {
            let parts = line.split(separator: " ::= ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            defined.insert(String(parts[0]))
            // Rule references: bare words outside quotes and brackets.
            var inQuote = false, inClass = false, escaped = false, word = ""
            for ch in parts[1] {
                if escaped { escaped = false; continue }
                if ch == "\\" { escaped = true; continue }
                if inQuote { if ch == "\"" { inQuote = false }; continue }
                if inClass { if ch == "]" { inClass = false }; continue }
                if ch == "\"" { inQuote = true } else if ch == "[" { inClass = true }
                if ch.isLetter || ch.isNumber || ch == "-" { word.append(ch) } else {
                    if !word.isEmpty { used.insert(word) }
                    word = ""
                }
            }
            if !word.isEmpty { used.insert(word) }
        }
        #expect(used.subtracting(defined).isEmpty, "undefined rules: \(used.subtracting(defined))")
        #expect(defined.contains("root"))
        #expect(grammar.contains(#""get_weather(""#))
        #expect(grammar.contains(#"tool-1 ::= "now(" ws ")""#))
    }

    @Test func toolDescriptionsFollowTheSchema() throws {
        let tools = try testTools()
        let add = tools[0].sandboxDescription
        #expect(add.name == "add")
        #expect(add.parameters.map(\.name) == ["a", "b"])
        #expect(add.parameters.allSatisfy { $0.required })
        #expect(!add.allowsExtraArguments)
    }
}
