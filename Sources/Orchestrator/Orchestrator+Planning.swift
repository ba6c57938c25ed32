import Catalog
import Sandbox

extension OrchestratorSettings.ConstraintMode {
    /// The mode used with `model`: `auto` becomes `grammar`, `json_schema` or `none` by what it accepts.
    public func resolved(for model: any ChatModel) -> Self {
        guard self == .auto else { return self }
        if model.acceptsGrammar { return .grammar }
        if model.acceptsJSONSchema { return .jsonSchema }
        return .none
    }
}

extension Orchestrator {
    /// One problem of a plan answer: its short text and, for parse and check errors, the sandbox error.
    struct PlanProblem {
        var short: String
        var error: SandboxError?
    }

    /// Asks for a plan until one parses and checks, at most `maxRepairs` repairs; nil after failing the run.
    func plan(_ request: QueryRequest, _ tools: [ToolDefinition], input: Value, limits: Limits, _ run: RunState) async -> Plan? {
        let descriptions = tools.map(\.sandboxDescription)
        let constraint = settings.constraint.resolved(for: model)
        let structured = constraint == .jsonSchema
        let grammar = constraint == .grammar ? PlanGrammar.gbnf(tools: descriptions) : nil
        let schema = structured ? PlanSchema.schema(tools: tools, maxSteps: settings.maxPlanSteps).serialized : nil
        let context = request.contextJSON.map { $0.trimmed }.flatMap { $0.isEmpty ? nil : $0 }
        var messages: [ChatTurn] = [
            .system(structured ? prompts.structuredSystem(tools: tools) : prompts.system(tools: tools)),
            .user(prompts.user(query: request.query, contextJSON: context, structured: structured)),
        ]
        var attempt = 0
        while true {
            let chat = ChatModelRequest(
                purpose: attempt == 0 ? "plan" : "repair", messages: messages, maxTokens: settings.maxPlanTokens,
                temperature: settings.temperature, grammar: grammar, jsonSchema: schema)
            guard let reply = await call(chat, run) else { return nil }
            let (source, parsed, problems) = read(reply.content, structured: structured, tools: descriptions, limits: limits)
            run.set { $0.plan = source }
            if let parsed, problems.isEmpty {
                run.emit(.plan, [
                    ("plan", .string(source)), ("attempt", .int(attempt)), ("constraint", .string(constraint.rawValue)),
                    ("llm_ms", .double(run.lastModelMilliseconds)),
                ])
                return parsed
            }
            let shorts = problems.map(\.short)
            run.emit(.repair, [("attempt", .int(attempt)), ("errors", .array(shorts.map { .string($0) })), ("plan", .string(source))])
            guard attempt < settings.maxRepairs else {
                let first = problems.first?.error
                run.fail(OrchestratorError(
                    .planInvalid, "no valid plan after \(attempt) repairs (maxRepairs \(settings.maxRepairs)): " + shorts.prefix(3).joined(separator: "; "),
                    kind: first?.kind.rawValue ?? (structured ? "structure" : nil), line: first?.line, column: first?.column, limit: first?.limit))
                return nil
            }
            attempt += 1
            run.set { $0.repairs = attempt }
            messages += [.assistant(structured ? reply.content.trimmed : source), .user(prompts.repair(errors: shorts, structured: structured))]
        }
    }

    /// The plan text of an answer, the parsed plan when it parses, and every problem found.
    func read(_ answer: String, structured: Bool, tools: [ToolDescription], limits: Limits) -> (String, Plan?, [PlanProblem]) {
        var form: StructuredPlan?
        let source: String
        if structured {
            do {
                let plan = try StructuredPlan.parse(answer, tools: tools, maxSteps: settings.maxPlanSteps)
                form = plan
                source = plan.source
            } catch {
                return (answer.trimmed, nil, [PlanProblem(short: error.description, error: nil)])
            }
        } else {
            source = PlanExtractor.extract(answer)
        }
        let describe: (SandboxError) -> String = { error in form?.describe(error) ?? error.short }
        do {
            let plan = try Plan.parse(source: source, limits: limits)
            let errors = plan.check(tools: tools).errors
            return (source, plan, errors.map { PlanProblem(short: describe($0), error: $0) })
        } catch {
            return (source, nil, [PlanProblem(short: describe(error), error: error)])
        }
    }
}
