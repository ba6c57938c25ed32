/// The static checker: names, tools and arguments, purity rules, nesting, and bounds on calls and cost.
struct PlanChecker {
    let tools: ToolTable
    let limits: Limits
    private var errors: [SandboxError] = []
    private var lets: [String: Int] = [:]  // name -> statement index
    private var current = 0
    private var scopes: [String] = []
    private var nesting = 0

    init(tools: ToolTable, limits: Limits) {
        self.tools = tools
        self.limits = limits
    }

    /// Bounds of a sub-expression: tool calls and cost (max nil when unknown).
    struct Bounds {
        var minCalls = 0, maxCalls: Int? = 0
        var minCost = 0, maxCost: Int? = 0

        static func + (a: Bounds, b: Bounds) -> Bounds {
            Bounds(
                minCalls: a.minCalls.addingSaturating(b.minCalls), maxCalls: add(a.maxCalls, b.maxCalls),
                minCost: a.minCost.addingSaturating(b.minCost), maxCost: add(a.maxCost, b.maxCost))
        }
        static func add(_ a: Int?, _ b: Int?) -> Int? {
            guard let a, let b else { return nil }
            return a.addingSaturating(b)
        }
        static func mul(_ a: Int?, _ n: Int) -> Int? { a.map { $0.multipliedSaturating(n) } }
    }

    enum Context { case normal, shortCircuit, predicate(String), bindBody }

    mutating func check(_ plan: Plan) -> CheckReport {
        var total = Bounds()
        laterLets = Set(plan.boundNames)
        for (i, st) in plan.statements.enumerated() {
            current = i
            if let name = st.name {
                if name == "input" {
                    errors.append(SandboxError(.check, "'input' is predefined and cannot be bound with let", line: st.line, column: st.nameColumn))
                } else if lets[name] != nil {
                    errors.append(SandboxError(.check, "'\(name)' is already bound; let bindings are single-assignment", line: st.line, column: st.nameColumn))
                } else if tools[name] != nil {
                    errors.append(SandboxError(.check, "'\(name)' is a tool name and cannot be bound with let", line: st.line, column: st.nameColumn))
                }
            }
            total = total + walk(st.expr, .normal)
            if let name = st.name, lets[name] == nil { lets[name] = i }
        }
        if total.minCalls > limits.maxToolCalls {
            errors.append(
                .limit("maxToolCalls", "plan makes at least \(total.minCalls) tool calls, over the limit of \(limits.maxToolCalls)", line: 1, column: 1))
        }
        if total.minCost > limits.maxCost {
            errors.append(.limit("maxCost", "plan costs at least \(total.minCost) units, over the limit of \(limits.maxCost)", line: 1, column: 1))
        }
        errors.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return CheckReport(errors: errors, minToolCalls: total.minCalls, maxToolCalls: total.maxCalls, minCost: total.minCost, maxCost: total.maxCost)
    }

    private mutating func err(_ e: Expr, _ msg: String) {
        errors.append(SandboxError(.check, msg, line: e.line, column: e.column))
    }

    private static func literalCount(_ e: Expr) -> Int? {
        switch e.kind {
        case .list(let xs): xs.count
        case .map(let es): es.count
        default: nil
        }
    }

    private mutating func walk(_ e: Expr, _ ctx: Context) -> Bounds {
        var b = Bounds()
        func cost(_ n: Int) -> Bounds { Bounds(minCalls: 0, maxCalls: 0, minCost: n, maxCost: n) }
        switch e.kind {
        case .literal: return b
        case .ident(let name):
            if scopes.contains(name) || name == "input" || Compiler.typeNames[name] != nil { return cost(1) }
            if let i = lets[name], i < current { return cost(1) }
            if plan_laterLet(name) {
                err(e, "'\(name)' is used before its let statement; bindings refer only backwards")
            } else if tools[name] != nil {
                err(e, "tool '\(name)' must be called, like \(name)(arg: value)")
            } else {
                err(e, "undefined name '\(name)'")
            }
            return cost(1)
        case .tool(let name, let args, let named):
            switch ctx {
            case .shortCircuit:
                err(e, "tool call '\(name)' as an operand of && or ||: bind it with let first")
            case .predicate(let m):
                err(e, "tool call '\(name)' inside the predicate of \(m)(): bind it with let first")
            case .bindBody:
                err(e, "tool call '\(name)' inside cel.bind: bind it with let instead")
            case .normal: break
            }
            if let t = tools[name] {
                checkArguments(e, t, args, named)
            } else {
                err(e, "unknown tool '\(name)'")
            }
            b = walk(args, ctx)
            return b + Bounds(minCalls: 1, maxCalls: 1, minCost: 1, maxCost: 1)
        case .and(let x, let y), .or(let x, let y):
            return walk(x, .shortCircuit) + walk(y, .shortCircuit) + cost(1)
        case .conditional(let c, let x, let y):
            let bc = walk(c, ctx), bx = walk(x, ctx), by = walk(y, ctx)
            var r = bc
            r.minCalls = r.minCalls.addingSaturating(min(bx.minCalls, by.minCalls))
            r.maxCalls = Bounds.add(r.maxCalls, bx.maxCalls.flatMap { a in by.maxCalls.map { max(a, $0) } })
            r.minCost = r.minCost.addingSaturating(min(bx.minCost, by.minCost))
            r.maxCost = Bounds.add(r.maxCost, bx.maxCost.flatMap { a in by.maxCost.map { max(a, $0) } })
            return r
        case .comprehension(let macro, let target, let v, let body, let filter):
            let bt = walk(target, ctx)
            nesting += 1
            if nesting > limits.maxComprehensionNesting {
                errors.append(
                    .limit(
                        "maxComprehensionNesting", "comprehensions nested \(nesting) deep, over the limit of \(limits.maxComprehensionNesting)",
                        line: e.line, column: e.column))
            }
            scopes.append(v)
            let bodyCtx: Context = macro == .map ? ctx : .predicate(macro.rawValue)
            var inner = walk(body, bodyCtx)
            if let filter { inner = inner + walk(filter, .predicate("map")) }
            scopes.removeLast()
            nesting -= 1
            inner = inner + cost(1)
            var r = bt + cost(1)
            if let n = PlanChecker.literalCount(target) {
                r.minCalls = r.minCalls.addingSaturating(inner.minCalls.multipliedSaturating(n))
                r.maxCalls = Bounds.add(r.maxCalls, Bounds.mul(inner.maxCalls, n))
                r.minCost = r.minCost.addingSaturating(inner.minCost.multipliedSaturating(n))
                r.maxCost = Bounds.add(r.maxCost, Bounds.mul(inner.maxCost, n))
            } else {
                // Unknown size: at most maxCollectionEntries elements.
                r.maxCalls = inner.maxCalls == 0 ? r.maxCalls : Bounds.add(r.maxCalls, Bounds.mul(inner.maxCalls, limits.maxCollectionEntries))
                r.maxCost = Bounds.add(r.maxCost, Bounds.mul(inner.maxCost, limits.maxCollectionEntries))
            }
            return r
        case .bind(let v, let initial, let body):
            let bi = walk(initial, ctx)
            scopes.append(v)
            let bb = walk(body, .bindBody)
            scopes.removeLast()
            return bi + bb + cost(1)
        case .call(let name, let target, let args):
            var isMath = false
            if let t = target, case .ident("math") = t.kind, !scopes.contains("math"), lets["math"] == nil { isMath = true }
            let known =
                isMath
                ? Builtin.resolveMath(name: name, argc: args.count) != nil
                : Builtin.resolve(name: name, receiver: target != nil, argc: args.count + (target == nil ? 0 : 1)) != nil
            if !known { err(e, "unknown function '\(name)' with \(args.count) argument(s)") }
            if let t = target, !isMath { b = walk(t, ctx) }
            for a in args { b = b + walk(a, ctx) }
            return b + cost(1)
        case .list:
            for c in e.kind.children { b = b + walk(c, ctx) }
            return b + cost(10)
        case .map:
            for c in e.kind.children { b = b + walk(c, ctx) }
            return b + cost(30)
        default:
            for c in e.kind.children { b = b + walk(c, ctx) }
            return b + cost(1)
        }
    }

    private var laterLets: Set<String> = []
    private func plan_laterLet(_ name: String) -> Bool { laterLets.contains(name) }

    private mutating func checkArguments(_ e: Expr, _ t: ToolDescription, _ args: Expr, _ named: [String]) {
        var given: [String] = named
        if named.isEmpty {
            guard case .map(let entries) = args.kind else { return }  // not a literal: checked at run time by the tool
            for en in entries {
                guard case .literal(.string(let k)) = en.key.kind else { return }
                given.append(k)
            }
        }
        let declared = Set(t.parameters.map(\.name))
        if !t.allowsExtraArguments {
            for g in given where !declared.contains(g) {
                let names = t.parameters.map(\.name).joined(separator: ", ")
                err(e, "tool '\(t.name)' has no parameter '\(g)' (parameters: \(names.isEmpty ? "none" : names))")
            }
        }
        for p in t.parameters where p.required && !given.contains(p.name) {
            err(e, "tool '\(t.name)' is missing required argument '\(p.name)'")
        }
    }
}

extension Int {
    func addingSaturating(_ o: Int) -> Int {
        let (r, ov) = addingReportingOverflow(o)
        return ov ? Int.max : r
    }
    func multipliedSaturating(_ o: Int) -> Int {
        let (r, ov) = multipliedReportingOverflow(by: o)
        return ov ? Int.max : r
    }
}
