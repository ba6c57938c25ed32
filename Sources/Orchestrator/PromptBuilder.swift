public import Catalog
import Synchronization

/// Builds the planning prompt: a compact description of the plan language, the chosen tools'
/// signatures (from their JSON Schemas), worked examples, then the query and its context.
public struct PromptBuilder: Sendable {
    /// Tool lines already rendered: the same tools are offered to query after query, and a tool's line
    /// never changes (a catalog reload makes new `ToolDefinition` instances).
    private let rendered = RenderedTools(capacity: 4_096)

    public init() {}

    static let language = """
        You write plans in Quiver's plan language to answer the user's request with the tools listed below.
        A plan is a few `let` statements and one final `return`:
          let NAME = EXPRESSION;
          return EXPRESSION;
        Expressions are CEL: literals ("text", 42, 2.5, true, null, [1, 2], {"key": value}), names bound earlier,
        field access (x.field, x["field"], xs[0]), operators (+ - * / % == != < <= > >= && || ! ?:, `in`),
        functions (size(x), string(x), int(x), double(x), s.contains(t), s.startsWith(t), s.split(","), xs.join(", "),
        s.lowerAscii(), math.greatest(a, b)) and macros (xs.map(x, expr), xs.filter(x, cond), xs.exists(x, cond), xs.all(x, cond)).
        Call a tool with named arguments: tool_name(param: value, other: value). Use only the tools listed, with their
        parameter names; required parameters have no `?`. `input` holds the request's context (a map).
        int and double never mix in arithmetic: write double(n) * 1.5. Bind every tool call with `let` before using it in
        && or || or in a filter/all/exists condition. Names are single-assignment and refer only backwards.
        Answer with the plan only: no prose, no code fences, no comments.
        """

    static let examples = """
        Example (tools: weather(city: string) -> {temp_c: number}; save_note(text: string) -> {id: string}):
        Request: Which is warmer today, Paris or Rome? Save a note saying so.
        let paris = weather(city: "Paris");
        let rome = weather(city: "Rome");
        let warmer = paris.temp_c > rome.temp_c ? "Paris" : "Rome";
        let note = save_note(text: "Warmer today: " + warmer);
        return {"warmer": warmer, "saved": note.id};

        Example (tools: web_search(query: string, max_results?: integer) -> {results: [{title: string, url: string}]}):
        Request: List the titles of secure pages about input.topic.
        let hits = web_search(query: input.topic, max_results: 5);
        let secure = hits.results.filter(r, r.url.startsWith("https://"));
        return {"titles": secure.map(r, r.title), "count": size(secure)};

        Example (tools: math_evaluate(expression: string) -> {value: number}):
        Request: What is 17 * 23?
        let r = math_evaluate(expression: "17 * 23");
        return r.value;
        """

    /// One tool as the prompt shows it: signature, result shape, description and parameter notes.
    public func render(tool: ToolDefinition) -> String {
        rendered.text(for: tool, render: Self.renderUncached)
    }

    static func renderUncached(_ tool: ToolDefinition) -> String {
        var text = "- " + (tool.signature.split(separator: ")", maxSplits: 1).first.map { String($0) + ")" } ?? tool.name)
        text += " -> " + tool.resultShape + "\n    " + PromptBuilder.oneLine(tool.description, limit: 300)
        for (name, description) in tool.parameterDescriptions where !description.isEmpty {
            text += "\n    \(name): " + PromptBuilder.oneLine(description, limit: 160)
        }
        return text
    }

    /// The system message for `tools`.
    public func system(tools: [ToolDefinition]) -> String {
        var text = PromptBuilder.language + "\n\nTools:\n"
        text += tools.map(render(tool:)).joined(separator: "\n")
        text += "\n\n" + PromptBuilder.examples
        return text
    }

    /// The user message: the request and, when present, its context (`input`) as JSON.
    /// `structured`: the plan is asked for as JSON (``PlanSchema``).
    public func user(query: String, contextJSON: String?, structured: Bool = false) -> String {
        var text = "Request: " + query
        if let contextJSON, contextJSON != "{}" { text += "\ninput = " + contextJSON }
        text += structured ? "\nPlan (JSON):" : "\nPlan:"
        return text
    }

    /// The message sent back after a parse or check error, asking for a corrected plan.
    public func repair(errors: [String], structured: Bool = false) -> String {
        let list = errors.prefix(5).map { "  " + $0 }.joined(separator: "\n")
        if structured {
            return "Your plan has errors:\n" + list + "\nWrite the whole corrected plan object (JSON paths like $.steps[0] refer to it). JSON only."
        }
        return "Your plan has errors:\n" + list + "\nWrite the whole corrected plan (LINE:COL refer to your plan). Plan only."
    }

    /// Messages asking the model to phrase an answer from the plan's result.
    public func answer(query: String, resultJSON: String) -> [ChatTurn] {
        [
            .system("Answer the user's request in one or two plain sentences, using only the data given. Do not mention plans or tools."),
            .user("Request: \(query)\nData: \(resultJSON.count > 4000 ? String(resultJSON.prefix(4000)) + "…" : resultJSON)"),
        ]
    }

    /// `text` on one line (runs of whitespace become one space), cut after `limit` characters with `…`.
    static func oneLine(_ text: String, limit: Int) -> String {
        var out = ""
        var count = 0
        var lastSpace = false
        for ch in text {
            let space = ch.isWhitespace
            if space && lastSpace { continue }
            out.append(space ? " " : ch)
            count += 1
            lastSpace = space
            if count >= limit {
                out += "…"
                break
            }
        }
        return out
    }
}

/// A bounded cache of rendered tool lines keyed by tool instance. Each entry keeps its tool alive, so an
/// `ObjectIdentifier` can never be reused by another tool while its line is cached.
final class RenderedTools: Sendable {
    private let entries = Mutex<[ObjectIdentifier: (tool: ToolDefinition, text: String)]>([:])
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entries.withLock { $0.count } }

    func text(for tool: ToolDefinition, render: (ToolDefinition) -> String) -> String {
        let key = ObjectIdentifier(tool)
        if let hit = entries.withLock({ $0[key]?.text }) { return hit }
        let text = render(tool)
        entries.withLock { table in
            // Past the bound (many reloads of a large catalog), start over rather than track recency.
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = (tool, text)
        }
        return text
    }
}
