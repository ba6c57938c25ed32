public import Catalog

extension PromptBuilder {
    static let structuredLanguage = """
        You answer the user's request by writing a plan as one JSON object that calls the tools listed below:
          {"steps": [{"tool": "TOOL", "args": {"PARAM": VALUE, ...}}, ...], "return": "EXPRESSION"}
        Steps run in order; the result of the first step is named step1, the second step2, and so on.
        An argument VALUE is a JSON literal ("text", 42, 2.5, true, [1, 2]), null to leave an optional parameter out,
        or {"expr": "EXPRESSION"} to compute it from earlier steps or from `input` (the request's context).
        EXPRESSION is CEL: step1, step1.field, step2[0], input.city, arithmetic (+ - * / %), comparisons, a ? b : c,
        lists and maps ({'total': step1.value}), size(x), string(x), double(x). Inside expressions write strings
        with single quotes ('Paris'). "return" is the plan's result, usually "step1" or a field of the last step.
        Use only the tools listed, with all their parameters. Answer with the JSON object only.
        """

    static let structuredExamples = """
        Example (tools: weather(city: string) -> {temp_c: number}; save_note(text: string) -> {id: string}):
        Request: Which is warmer today, Paris or Rome? Save a note saying so.
        {"steps": [{"tool": "weather", "args": {"city": "Paris"}}, {"tool": "weather", "args": {"city": "Rome"}},
          {"tool": "save_note", "args": {"text": {"expr": "step1.temp_c > step2.temp_c ? 'Paris' : 'Rome'"}}}],
         "return": "{'paris': step1.temp_c, 'rome': step2.temp_c, 'saved': step3.id}"}

        Example (tools: math_evaluate(expression: string) -> {value: number}):
        Request: What is 17 * 23?
        {"steps": [{"tool": "math_evaluate", "args": {"expression": "17 * 23"}}], "return": "step1.value"}
        """

    /// The system message for `tools` when the plan is asked for as JSON (constraint `json_schema`).
    public func structuredSystem(tools: [ToolDefinition]) -> String {
        PromptBuilder.structuredLanguage + "\n\nTools:\n" + tools.map(render(tool:)).joined(separator: "\n") + "\n\n"
            + PromptBuilder.structuredExamples
    }
}
