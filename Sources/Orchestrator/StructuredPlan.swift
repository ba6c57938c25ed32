public import Sandbox
import SandboxJSON

/// A plan written in the JSON form of ``PlanSchema`` (`{"steps": [{"tool", "args"}], "return"}`), read from a
/// model's answer and rendered to plan text: one `let stepN = tool(arg: value, …);` line per step, then
/// `return …;`. Line N of the text is step N, so a checker error can be reported at the step's JSON path.
public struct StructuredPlan: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var tool: String
        /// Arguments in order, each rendered as CEL (a literal, or the `expr` text as written).
        public var arguments: [(name: String, cel: String)]

        public static func == (lhs: Step, rhs: Step) -> Bool {
            lhs.tool == rhs.tool && lhs.arguments.elementsEqual(rhs.arguments) { $0.name == $1.name && $0.cel == $1.cel }
        }
    }

    public var steps: [Step]
    public var returnExpression: String

    /// The plan text.
    public var source: String {
        var lines = steps.enumerated().map { index, step in
            "let step\(index + 1) = \(step.tool)(" + step.arguments.map { "\($0.name): \($0.cel)" }.joined(separator: ", ") + ");"
        }
        lines.append("return \(returnExpression);")
        return lines.joined(separator: "\n")
    }

    /// Reads the model's answer (JSON, optionally inside a code fence) against the chosen `tools`.
    /// - Throws: ``StructuredPlanError`` naming the JSON path of the first problem.
    public static func parse(_ answer: String, tools: [ToolDescription], maxSteps: Int = PlanSchema.defaultMaxSteps) throws(StructuredPlanError) -> StructuredPlan {
        var text = (PlanExtractor.fenced(answer) ?? answer).trimmed
        if !text.hasPrefix("{"), let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close {
            text = String(text[open...close])  // prose around the object
        }
        let value: Value
        do {
            value = try SandboxJSON.JSONValue.parse(text, numbers: .integralAsInt, maxDepth: 32)
        } catch {
            throw StructuredPlanError("$", "the answer is not JSON (\(error.short)); answer with the plan object only")
        }
        guard case .map(let root) = value else { throw StructuredPlanError("$", "expected an object {\"steps\": [...], \"return\": \"...\"}") }
        guard case .list(let items)? = root[.string("steps")] else { throw StructuredPlanError("$.steps", "missing or not a list") }
        guard items.count <= maxSteps else { throw StructuredPlanError("$.steps", "\(items.count) steps exceed maxPlanSteps (\(maxSteps))") }
        var steps: [Step] = []
        for (index, item) in items.enumerated() {
            steps.append(try step(item, path: "$.steps[\(index)]", tools: tools))
        }
        guard case .string(let returned)? = root[.string("return")] else {
            throw StructuredPlanError("$.return", "missing or not a string (a CEL expression such as \"step1\")")
        }
        let expression = returned.trimmed.hasSuffix(";") ? String(returned.trimmed.dropLast()) : returned.trimmed
        guard !expression.isEmpty else { throw StructuredPlanError("$.return", "is empty") }
        guard !expression.contains(";"), !expression.contains("\n") else {
            throw StructuredPlanError("$.return", "must be one expression (no ';' or newline)")
        }
        return StructuredPlan(steps: steps, returnExpression: expression)
    }

    static func step(_ item: Value, path: String, tools: [ToolDescription]) throws(StructuredPlanError) -> Step {
        guard case .map(let fields) = item else { throw StructuredPlanError(path, "expected an object {\"tool\": ..., \"args\": {...}}") }
        guard case .string(let name)? = fields[.string("tool")] else { throw StructuredPlanError(path + ".tool", "missing or not a string") }
        guard let tool = tools.first(where: { $0.name == name }) else {
            throw StructuredPlanError(path + ".tool", "unknown tool '\(name)' (use one of: \(tools.map(\.name).joined(separator: ", ")))")
        }
        var arguments: [(name: String, cel: String)] = []
        switch fields[.string("args")] {
        case nil, .null?:
            break
        case .map(let args)?:
            for (key, value) in args.entries {
                guard case .string(let argument) = key, PlanGrammar.isIdentifier(argument) else {
                    throw StructuredPlanError(path + ".args", "argument names must be identifiers")
                }
                guard tool.allowsExtraArguments || tool.parameters.contains(where: { $0.name == argument }) else {
                    throw StructuredPlanError(path + ".args.\(argument)", "'\(name)' has no parameter '\(argument)'")
                }
                if case .null = value { continue }
                arguments.append((argument, try cel(value, path: path + ".args.\(argument)")))
            }
        default:
            throw StructuredPlanError(path + ".args", "expected an object of arguments")
        }
        return Step(tool: name, arguments: arguments)
    }

    /// `{"expr": "..."}` as its text; any other value as a CEL literal (JSON is CEL's literal syntax).
    static func cel(_ value: Value, path: String) throws(StructuredPlanError) -> String {
        if case .map(let map) = value, map.count == 1, let expr = map[.string("expr")] {
            guard case .string(let text) = expr, !text.trimmed.isEmpty else { throw StructuredPlanError(path + ".expr", "must be a non-empty string") }
            guard !text.contains(";"), !text.contains("\n") else { throw StructuredPlanError(path + ".expr", "must be one expression (no ';' or newline)") }
            return "(" + text.trimmed + ")"
        }
        return SandboxJSON.JSONValue.serialize(value)
    }

    /// The JSON path of the statement on `line` of ``source`` (1-based), for error messages.
    public func path(ofLine line: Int) -> String {
        if line >= 1 && line <= steps.count { return "$.steps[\(line - 1)]" }
        return "$.return"
    }

    /// A checker or parser error of the rendered text, reported at the step it came from.
    public func describe(_ error: SandboxError) -> String {
        guard error.line > 0 else { return error.message }
        let statement = source.split(separator: "\n", omittingEmptySubsequences: false)
        let text = error.line <= statement.count ? String(statement[error.line - 1]) : ""
        return "\(path(ofLine: error.line)) (`\(text)`): \(error.message)"
    }
}

/// A structured plan that does not have the expected shape: the JSON path and what is wrong.
public struct StructuredPlanError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
