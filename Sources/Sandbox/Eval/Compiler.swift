/// Compiles a syntax tree to executable nodes: resolves identifiers to slots, functions to built-ins,
/// checks comprehension nesting, and computes each comprehension body's static cost.
struct Compiler {
    enum Mode {
        /// Single expression: unknown identifiers become bindings supplied at evaluation.
        case expression
        /// Plan: only declared globals (`input`, earlier `let`s) exist.
        case plan
    }

    let mode: Mode
    let limits: Limits
    private(set) var globals: [String: Int] = [:]
    private(set) var globalNames: [String] = []
    /// Where each expression-mode variable is first used (for "undeclared reference" errors).
    private(set) var firstUse: [String: (line: Int, column: Int)] = [:]
    private var scopes: [(name: String, slot: Int)] = []
    private(set) var slotCount = 0
    var nesting = 0
    /// Sub-expressions already evaluated elsewhere (tool calls hoisted by the plan compiler): read from a slot.
    var hoisted: [ObjectIdentifier: Int] = [:]

    static let typeNames: [String: ValueType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string, "bytes": .bytes,
        "list": .list, "map": .map, "null_type": .null, "type": .type,
    ]

    init(mode: Mode, limits: Limits) {
        self.mode = mode
        self.limits = limits
    }

    /// Counts one more level of comprehension nesting (the caller decrements `nesting`).
    mutating func enterComprehension(_ e: Expr) throws(SandboxError) {
        nesting += 1
        if nesting > limits.maxComprehensionNesting {
            throw .limit(
                "maxComprehensionNesting", "comprehensions nested \(nesting) deep, over the limit of \(limits.maxComprehensionNesting)",
                line: e.line, column: e.column)
        }
    }

    mutating func declareGlobal(_ name: String) -> Int {
        if let s = globals[name] { return s }
        let s = newSlot()
        globals[name] = s
        globalNames.append(name)
        return s
    }

    mutating func newSlot() -> Int {
        slotCount += 1
        return slotCount - 1
    }

    mutating func withScope<T>(_ name: String, _ slot: Int, _ body: (inout Compiler) throws(SandboxError) -> T) throws(SandboxError) -> T {
        scopes.append((name, slot))
        defer { scopes.removeLast() }
        return try body(&self)
    }

    func lookup(_ name: String) -> Int? {
        for s in scopes.reversed() where s.name == name { return s.slot }
        return globals[name]
    }

    /// Compiles `e`; returns the node and its static cost (not counting comprehension iterations).
    mutating func compile(_ e: Expr) throws(SandboxError) -> (Node, Int) {
        if let slot = hoisted[ObjectIdentifier(e)] { return (SlotNode(e, slot: slot), 0) }
        switch e.kind {
        case .literal(let v):
            return (ConstNode(e, v), 0)
        case .ident(let name):
            if let s = lookup(name) { return (SlotNode(e, slot: s), 1) }
            if let t = Compiler.typeNames[name] { return (ConstNode(e, .type(t)), 1) }
            switch mode {
            case .expression:
                if firstUse[name] == nil { firstUse[name] = (e.line, e.column) }
                return (SlotNode(e, slot: declareGlobal(name)), 1)
            case .plan:
                throw SandboxError(.check, "undefined name '\(name)'", line: e.line, column: e.column)
            }
        case .select(let o, let f):
            let (n, c) = try compile(o)
            return (SelectNode(e, n, f), c + 1)
        case .presence(let o, let f):
            let (n, c) = try compile(o)
            return (PresenceNode(e, n, f), c + 1)
        case .index(let a, let b):
            let (x, c1) = try compile(a)
            let (y, c2) = try compile(b)
            return (IndexNode(e, x, y), c1 + c2 + 1)
        case .list(let xs):
            var nodes: [Node] = []
            var cost = 10
            for x in xs {
                let (n, c) = try compile(x)
                nodes.append(n)
                cost += c
            }
            return (ListNode(e, nodes), cost)
        case .map(let entries):
            var ks: [Node] = [], vs: [Node] = []
            var cost = 30
            for en in entries {
                let (k, c1) = try compile(en.key)
                let (v, c2) = try compile(en.value)
                ks.append(k)
                vs.append(v)
                cost += c1 + c2
            }
            return (MapNode(e, ks, vs), cost)
        case .unary(let op, let o):
            let (n, c) = try compile(o)
            return (op == .not ? NotNode(e, n) : NegateNode(e, n), c + 1)
        case .binary(let op, let a, let b):
            let (x, c1) = try compile(a)
            let (y, c2) = try compile(b)
            let node: Node
            switch op {
            case .add: node = AddNode(e, x, y)
            case .subtract: node = SubtractNode(e, x, y)
            case .multiply: node = MultiplyNode(e, x, y)
            case .divide: node = DivideNode(e, x, y)
            case .modulo: node = ModuloNode(e, x, y)
            case .equal: node = EqualNode(e, x, y, negated: false)
            case .notEqual: node = EqualNode(e, x, y, negated: true)
            case .less: node = CompareNode(e, x, y, op: .less)
            case .lessEqual: node = CompareNode(e, x, y, op: .lessEqual)
            case .greater: node = CompareNode(e, x, y, op: .greater)
            case .greaterEqual: node = CompareNode(e, x, y, op: .greaterEqual)
            case .in: node = InNode(e, x, y)
            }
            return (node, c1 + c2 + 1)
        case .and(let a, let b):
            let (x, c1) = try compile(a)
            let (y, c2) = try compile(b)
            return (AndNode(e, x, y), c1 + c2 + 1)
        case .or(let a, let b):
            let (x, c1) = try compile(a)
            let (y, c2) = try compile(b)
            return (OrNode(e, x, y), c1 + c2 + 1)
        case .conditional(let a, let b, let d):
            let (x, c1) = try compile(a)
            let (y, c2) = try compile(b)
            let (z, c3) = try compile(d)
            return (ConditionalNode(e, x, y, z), c1 + max(c2, c3) + 1)
        case .call(let name, let target, let args):
            return try compileCall(e, name, target, args)
        case .comprehension(let macro, let target, let v, let body, let filter):
            return try compileComprehension(e, macro, target, v, body, filter)
        case .bind(let v, let initial, let body):
            let (i, c1) = try compile(initial)
            let slot = newSlot()
            let (b, c2) = try withScope(v, slot) { (c: inout Compiler) throws(SandboxError) in try c.compile(body) }
            return (BindNode(e, slot: slot, i, b), c1 + c2 + 1)
        case .tool(let name, _, _):
            throw SandboxError(.check, "tool call '\(name)' is not allowed here", line: e.line, column: e.column)
        }
    }

    private mutating func compileCall(_ e: Expr, _ name: String, _ target: Expr?, _ args: [Expr]) throws(SandboxError) -> (Node, Int) {
        var all = args
        var fn: Builtin?
        if let t = target, case .ident("math") = t.kind, lookup("math") == nil {
            fn = Builtin.resolveMath(name: name, argc: args.count)
        } else {
            if let t = target { all.insert(t, at: 0) }
            fn = Builtin.resolve(name: name, receiver: target != nil, argc: all.count)
        }
        var nodes: [Node] = []
        var cost = 1
        for a in all {
            let (n, c) = try compile(a)
            nodes.append(n)
            cost += c
        }
        guard let fn else {
            let shown = target == nil ? name : "." + name
            return (ErrorNode(e, EvalError(.unknownFunction, "unknown function: \(shown) with \(args.count) argument(s)"), args: nodes), cost)
        }
        if fn == .matches {
            var compiled: LinearRegex? = nil
            if case .literal(.string(let p)) = all[1].kind { compiled = try? LinearRegex(pattern: p) }
            return (MatchesNode(e, nodes[0], nodes[1], compiled: compiled), cost)
        }
        switch nodes.count {
        case 1: return (Call1Node(e, fn, nodes[0]), cost)
        case 2: return (Call2Node(e, fn, nodes[0], nodes[1]), cost)
        default: return (CallNNode(e, fn, nodes), cost)
        }
    }

    private mutating func compileComprehension(
        _ e: Expr, _ macro: Expr.Macro, _ target: Expr, _ v: String, _ body: Expr, _ filter: Expr?
    ) throws(SandboxError) -> (Node, Int) {
        let (range, rc) = try compile(target)
        try enterComprehension(e)
        defer { nesting -= 1 }
        let slot = newSlot()
        let (b, bc, f, fc) = try withScope(v, slot) { (c: inout Compiler) throws(SandboxError) in
            let (b, bc) = try c.compile(body)
            var f: Node? = nil
            var fc = 0
            if let filter { (f, fc) = try c.compile(filter) }
            return (b, bc, f, fc)
        }
        let iterCost = 1 + bc + fc
        let node: Node
        switch macro {
        case .all: node = QuantifierNode(e, range: range, slot: slot, body: b, bodyCost: iterCost, decidesOn: false, name: "all")
        case .exists: node = QuantifierNode(e, range: range, slot: slot, body: b, bodyCost: iterCost, decidesOn: true, name: "exists")
        case .existsOne: node = ExistsOneNode(e, range: range, slot: slot, body: b, bodyCost: iterCost)
        case .map: node = MapMacroNode(e, range: range, slot: slot, body: b, filter: f, bodyCost: iterCost)
        case .filter: node = FilterNode(e, range: range, slot: slot, body: b, bodyCost: iterCost)
        }
        return (node, rc + 1)
    }
}
