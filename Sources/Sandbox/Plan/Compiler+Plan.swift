// Compiling plan expressions that contain tool calls into async nodes.

extension Compiler {
    /// Compiles an expression of a plan. Tool calls must not appear in short-circuit operands or
    /// predicates (the checker reports those first; this is the backstop).
    mutating func compileAsync(_ e: Expr, writes: Set<String>) throws(SandboxError) -> AsyncNode {
        guard e.containsTool else {
            let (n, cost) = try compile(e)
            return PureAsync(n, cost: cost)
        }
        switch e.kind {
        case .tool(let name, let args, _):
            return ToolAsync(name: name, args: try compileAsync(args, writes: writes), line: e.line, column: e.column)
        case .conditional(let a, let b, let d):
            return ConditionalAsync(
                try compileAsync(a, writes: writes), try compileAsync(b, writes: writes), try compileAsync(d, writes: writes),
                line: e.line, column: e.column)
        case .comprehension(.map, let target, let v, let body, let filter) where body.containsTool && !(filter?.containsTool ?? false):
            let range = try compileAsync(target, writes: writes)
            try enterComprehension(e)
            defer { nesting -= 1 }
            let slot = newSlot()
            let (f, transform) = try withScope(v, slot) { (c: inout Compiler) throws(SandboxError) in
                let f = try filter.map { (e: Expr) throws(SandboxError) in try c.compile(e).0 }
                return (f, try c.compileAsync(body, writes: writes))
            }
            return FanOutAsync(
                range: range, slot: slot, filter: f, transform: transform, callsPerElement: Compiler.maxCalls(body),
                sequential: Compiler.callsWrite(body, writes), line: e.line, column: e.column)
        case .and, .or:
            throw SandboxError(.check, "tool call as an operand of && or ||: bind it with let first", line: e.line, column: e.column)
        case .comprehension(let m, _, _, let body, let filter) where body.containsTool || (filter?.containsTool ?? false):
            throw SandboxError(.check, "tool call inside the predicate of \(m.rawValue)(): bind it with let first", line: e.line, column: e.column)
        case .bind(_, _, let body) where body.containsTool:
            throw SandboxError(.check, "tool call inside cel.bind: bind it with let instead", line: e.line, column: e.column)
        default:
            var operands: [(slot: Int, node: AsyncNode)] = []
            var sequential = false
            for child in e.kind.children where child.containsTool {
                let node = try compileAsync(child, writes: writes)
                let slot = newSlot()
                hoisted[ObjectIdentifier(child)] = slot
                operands.append((slot, node))
                if Compiler.callsWrite(child, writes) { sequential = true }
            }
            let (body, cost) = try compile(e)
            return HoistAsync(operands: operands, body: body, cost: cost, sequential: sequential)
        }
    }

    /// Most tool calls one evaluation of `e` can make, not counting nested fan-outs (they reserve for themselves).
    static func maxCalls(_ e: Expr) -> Int {
        switch e.kind {
        case .tool(_, let args, _): return 1 + maxCalls(args)
        case .conditional(let a, let b, let d): return maxCalls(a) + max(maxCalls(b), maxCalls(d))
        case .comprehension(.map, let t, _, let body, _) where body.containsTool: return maxCalls(t)
        default: return e.kind.children.reduce(0) { $0 + maxCalls($1) }
        }
    }

    static func callsWrite(_ e: Expr, _ writes: Set<String>) -> Bool {
        if case .tool(let name, _, _) = e.kind, writes.contains(name) { return true }
        return e.kind.children.contains { callsWrite($0, writes) }
    }

    /// Free identifiers of `e` (names not bound by an enclosing comprehension or cel.bind).
    static func freeNames(_ e: Expr, bound: [String] = [], into out: inout Set<String>) {
        switch e.kind {
        case .ident(let n): if !bound.contains(n) { out.insert(n) }
        case .comprehension(_, let t, let v, let body, let filter):
            freeNames(t, bound: bound, into: &out)
            freeNames(body, bound: bound + [v], into: &out)
            if let filter { freeNames(filter, bound: bound + [v], into: &out) }
        case .bind(let v, let i, let body):
            freeNames(i, bound: bound, into: &out)
            freeNames(body, bound: bound + [v], into: &out)
        default:
            for c in e.kind.children { freeNames(c, bound: bound, into: &out) }
        }
    }
}
