/// Executable nodes for expressions that contain tool calls. Pure sub-expressions run on the fast
/// synchronous evaluator; only tool calls, the branches of `?:`, fan-outs and the hoisted operands
/// of other expressions are awaited.
class AsyncNode: @unchecked Sendable {
    func run(_ c: EvalContext, _ rt: RunContext, prereserved: Bool) async throws(SandboxError) -> Value { .null }
}

final class PureAsync: AsyncNode, @unchecked Sendable {
    let node: Node
    let cost: Int
    init(_ n: Node, cost: Int) { node = n; self.cost = cost }
    override func run(_ c: EvalContext, _ rt: RunContext, prereserved: Bool) async throws(SandboxError) -> Value {
        c.charge(cost)
        return try node.eval(c)
    }
}

final class ToolAsync: AsyncNode, @unchecked Sendable {
    let name: String
    let args: AsyncNode
    let line: Int, column: Int
    init(name: String, args: AsyncNode, line: Int, column: Int) {
        self.name = name
        self.args = args
        self.line = line
        self.column = column
    }
    override func run(_ c: EvalContext, _ rt: RunContext, prereserved: Bool) async throws(SandboxError) -> Value {
        let a = try await args.run(c, rt, prereserved: prereserved)
        if a.isError { return a }
        guard case .map = a else {
            return .error(EvalError(.invalidArgument, "tool '\(name)' takes a map of arguments, got \(a.type.rawValue)", line: line, column: column))
        }
        if !prereserved { try rt.reserve(1, line: line, column: column) }
        try c.checkpoint()
        c.charge(1)
        return try await rt.call(tool: name, arguments: a, line: line, column: column)
    }
}

final class ConditionalAsync: AsyncNode, @unchecked Sendable {
    let cond: AsyncNode, then: AsyncNode, otherwise: AsyncNode
    let line: Int, column: Int
    init(_ a: AsyncNode, _ b: AsyncNode, _ d: AsyncNode, line: Int, column: Int) {
        cond = a
        then = b
        otherwise = d
        self.line = line
        self.column = column
    }
    override func run(_ c: EvalContext, _ rt: RunContext, prereserved: Bool) async throws(SandboxError) -> Value {
        switch try await cond.run(c, rt, prereserved: prereserved) {
        case .bool(true): return try await then.run(c, rt, prereserved: prereserved)
        case .bool(false): return try await otherwise.run(c, rt, prereserved: prereserved)
        case .error(let e): return .error(e)
        case let v:
            return .error(EvalError(.noSuchOverload, "no matching overload: condition of type \(v.type.rawValue)", line: line, column: column))
        }
    }
}

/// `xs.map(x, tool(...))`: reserves the whole fan-out, then runs the elements concurrently
/// (one after another when the transform calls a write tool).
final class FanOutAsync: AsyncNode, @unchecked Sendable {
    let range: AsyncNode
    let slot: Int
    let filter: Node?
    let transform: AsyncNode
    let callsPerElement: Int
    let sequential: Bool
    let line: Int, column: Int
    init(
        range: AsyncNode, slot: Int, filter: Node?, transform: AsyncNode, callsPerElement: Int, sequential: Bool, line: Int, column: Int
    ) {
        self.range = range
        self.slot = slot
        self.filter = filter
        self.transform = transform
        self.callsPerElement = callsPerElement
        self.sequential = sequential
        self.line = line
        self.column = column
    }

    override func run(_ c: EvalContext, _ rt: RunContext, prereserved: Bool) async throws(SandboxError) -> Value {
        let r = try await range.run(c, rt, prereserved: prereserved)
        var xs: [Value]
        switch r {
        case .list(let l): xs = l
        case .map(let m): xs = m.keys
        case .error: return r
        default: return .error(EvalError(.noSuchOverload, "cannot iterate over a value of type \(r.type.rawValue)", line: line, column: column))
        }
        if let filter {
            // the 3-argument map(x, predicate, transform): the pure predicate picks the elements first
            var kept: [Value] = []
            for x in xs {
                c.slots[slot] = x
                try c.tick(1)
                switch try filter.eval(c) {
                case .bool(true): kept.append(x)
                case .bool(false): continue
                case .error(let e): return .error(e)
                case let v:
                    return .error(EvalError(.noSuchOverload, "map() filter returned \(v.type.rawValue), not bool", line: line, column: column))
                }
            }
            xs = kept
        }
        // A fan-out always reserves its own calls (an enclosing fan-out reserved only its direct ones).
        try rt.reserve(xs.count.multipliedSaturating(callsPerElement), line: line, column: column)
        try c.checkCount(xs.count, transformNodeStandIn)
        var out: [Value] = []
        out.reserveCapacity(xs.count)
        if sequential || xs.count <= 1 {
            for x in xs {
                c.slots[slot] = x
                let v = try await transform.run(c, rt, prereserved: true)
                if v.isError { return v }
                out.append(v)
            }
            return .list(out)
        }
        let transform = self.transform, slot = self.slot
        let results: [Value]
        do {
            results = try await withThrowingTaskGroup(of: (Int, Value).self) { g in
                for (i, x) in xs.enumerated() {
                    let child = c.fork()
                    child.slots[slot] = x
                    g.addTask {
                        let v = try await transform.run(child, rt, prereserved: true)
                        try child.checkpoint()
                        return (i, v)
                    }
                }
                var vs = Array(repeating: Value.null, count: xs.count)
                for try await (i, v) in g { vs[i] = v }
                return vs
            }
        } catch let e as SandboxError {
            throw e
        } catch {
            throw rt.stopError()
        }
        for v in results {
            if v.isError { return v }
            out.append(v)
        }
        return .list(out)
    }

    private var transformNodeStandIn: Node { Node(line: line, column: column) }
}

/// Any other expression with tool calls among its operands: evaluates those operands first
/// (concurrently unless one calls a write tool), stores them in slots, then runs the pure node.
final class HoistAsync: AsyncNode, @unchecked Sendable {
    let operands: [(slot: Int, node: AsyncNode)]
    let body: Node
    let cost: Int
    let sequential: Bool
    init(operands: [(slot: Int, node: AsyncNode)], body: Node, cost: Int, sequential: Bool) {
        self.operands = operands
        self.body = body
        self.cost = cost
        self.sequential = sequential
    }

    override func run(_ c: EvalContext, _ rt: RunContext, prereserved: Bool) async throws(SandboxError) -> Value {
        if sequential || operands.count == 1 {
            for (slot, node) in operands {
                c.slots[slot] = try await node.run(c, rt, prereserved: prereserved)
            }
        } else {
            let values: [(Int, Value)]
            do {
                values = try await withThrowingTaskGroup(of: (Int, Value).self) { g in
                    for (slot, node) in operands {
                        let child = c.fork()
                        g.addTask {
                            let v = try await node.run(child, rt, prereserved: prereserved)
                            try child.checkpoint()
                            return (slot, v)
                        }
                    }
                    var out: [(Int, Value)] = []
                    for try await r in g { out.append(r) }
                    return out
                }
            } catch let e as SandboxError {
                throw e
            } catch {
                throw rt.stopError()
            }
            for (slot, v) in values { c.slots[slot] = v }
        }
        c.charge(cost)
        return try body.eval(c)
    }
}
