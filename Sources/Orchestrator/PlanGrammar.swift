public import Sandbox

/// Builds a GBNF grammar (llama.cpp's `grammar` field) that admits well-formed plans over a given set of
/// tools: `let` statements and a final `return`, CEL-style expressions, calls of the given tools only
/// (with their parameter names), and a fixed set of builtin functions. Any other name followed by `(`
/// cannot be generated, so an unknown tool can never appear. It is a superset of the checked language
/// in places (method names, argument types) and the checker still runs.
public enum PlanGrammar {
    /// Global builtin functions a plan may call besides tools.
    static let builtins = ["size", "int", "uint", "double", "string", "bool", "bytes", "type", "dyn", "has", "matches"]

    public static func gbnf(tools: [ToolDescription]) -> String {
        var rules: [String] = [
            #"root ::= ws (let-stmt nl)* return-stmt ws"#,
            #"let-stmt ::= "let " ident ws "=" ws expr ws ";""#,
            #"return-stmt ::= "return " expr ws ";"?"#,
            #"expr ::= or-expr (ws "?" ws expr ws ":" ws expr)?"#,
            #"or-expr ::= and-expr (ws "||" ws and-expr)*"#,
            #"and-expr ::= rel-expr (ws "&&" ws rel-expr)*"#,
            #"rel-expr ::= add-expr (ws rel-op ws add-expr)*"#,
            #"rel-op ::= "==" | "!=" | "<=" | ">=" | "<" | ">" | "in ""#,
            #"add-expr ::= mul-expr (ws [-+] ws mul-expr)*"#,
            #"mul-expr ::= unary (ws [*/%] ws unary)*"#,
            #"unary ::= [!-]? postfix"#,
            #"postfix ::= primary (selector | index)*"#,
            #"selector ::= "." ident ("(" ws args? ws ")")?"#,
            #"index ::= "[" ws expr ws "]""#,
            #"args ::= expr (ws "," ws expr)*"#,
            #"primary ::= tool-call | builtin-call | literal | ident | "(" ws expr ws ")" | list | map"#,
            #"list ::= "[" ws args? ws "]""#,
            #"map ::= "{" ws (entry (ws "," ws entry)*)? ws "}""#,
            #"entry ::= expr ws ":" ws expr"#,
            #"literal ::= number | string | "true" | "false" | "null""#,
            #"number ::= [0-9]+ ("." [0-9]+)? ([eE] [-+]? [0-9]+)? "u"?"#,
            #"string ::= "\"" ([^"\\\n] | "\\" ["\\/bfnrtu'])* "\"" | "'" ([^'\\\n] | "\\" ["\\/bfnrtu'])* "'""#,
            #"ident ::= [a-zA-Z_] [a-zA-Z0-9_]*"#,
            #"ws ::= ([ \t\n] ([ \t\n] [ \t\n]?)?)?"#,
            #"nl ::= [ \t]? "\n" [ \t]?"#,
        ]
        rules.append("builtin-call ::= (" + builtins.map(quoted).joined(separator: " | ") + #") "(" ws args? ws ")""#)
        let named = tools.filter { isIdentifier($0.name) }
        if named.isEmpty {
            rules.append(#"tool-call ::= "(" "(""#)  // matches nothing a plan needs: no tool can be called
        } else {
            rules.append("tool-call ::= " + named.indices.map { "tool-\($0)" }.joined(separator: " | "))
        }
        for (i, tool) in named.enumerated() {
            let parameters = tool.parameters.map(\.name).filter(isIdentifier)
            if parameters.isEmpty {
                rules.append("tool-\(i) ::= \(quoted(tool.name + "(")) ws \")\"")
            } else {
                rules.append("tool-\(i) ::= \(quoted(tool.name + "(")) ws (tool-\(i)-arg (ws \",\" ws tool-\(i)-arg)*)? ws \")\"")
                rules.append("tool-\(i)-arg ::= (" + parameters.map(quoted).joined(separator: " | ") + #") ws ":" ws expr"#)
            }
        }
        return rules.joined(separator: "\n") + "\n"
    }

    static func quoted(_ text: String) -> String { "\"" + text + "\"" }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
