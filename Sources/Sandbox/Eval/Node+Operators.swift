// Operator nodes, with int fast paths for the hot loop.

class BinaryNode: Node, @unchecked Sendable {
    let lhs: Node, rhs: Node
    init(_ e: Expr, _ a: Node, _ b: Node) { lhs = a; rhs = b; super.init(e) }
}

final class AddNode: BinaryNode, @unchecked Sendable {
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c), b = try rhs.eval(c)
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            if !o { return .int(r) }
        }
        let r = Value.add(a, b)
        switch r {
        case .string(let s): try c.checkString(s, self)
        case .list(let xs): try c.checkCount(xs.count, self)
        case .bytes(let bs): c.charge(bs.count >> 4)
        default: break
        }
        return located(r)
    }
}

final class SubtractNode: BinaryNode, @unchecked Sendable {
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c), b = try rhs.eval(c)
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return .int(r) }
        }
        return located(Value.subtract(a, b))
    }
}

final class MultiplyNode: BinaryNode, @unchecked Sendable {
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c), b = try rhs.eval(c)
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o { return .int(r) }
        }
        return located(Value.multiply(a, b))
    }
}

final class DivideNode: BinaryNode, @unchecked Sendable {
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        located(Value.divide(try lhs.eval(c), try rhs.eval(c)))
    }
}

final class ModuloNode: BinaryNode, @unchecked Sendable {
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c), b = try rhs.eval(c)
        if case .int(let x) = a, case .int(let y) = b, y > 0 { return .int(x % y) }
        return located(Value.modulo(a, b))
    }
}

final class EqualNode: BinaryNode, @unchecked Sendable {
    let negated: Bool
    init(_ e: Expr, _ a: Node, _ b: Node, negated: Bool) { self.negated = negated; super.init(e, a, b) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c), b = try rhs.eval(c)
        if case .int(let x) = a, case .int(let y) = b { return .bool((x == y) != negated) }
        if a.isError { return a }
        if b.isError { return b }
        return .bool(Value.celEqual(a, b) != negated)
    }
}

final class CompareNode: BinaryNode, @unchecked Sendable {
    enum Op { case less, lessEqual, greater, greaterEqual }
    let op: Op
    init(_ e: Expr, _ a: Node, _ b: Node, op: Op) { self.op = op; super.init(e, a, b) }

    @inline(__always)
    private func decide(_ r: Int) -> Bool {
        switch op {
        case .less: r < 0
        case .lessEqual: r <= 0
        case .greater: r > 0
        case .greaterEqual: r >= 0
        }
    }

    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c), b = try rhs.eval(c)
        if case .int(let x) = a, case .int(let y) = b { return .bool(decide(x < y ? -1 : (x > y ? 1 : 0))) }
        if case .double(let x) = a, case .double(let y) = b {
            switch op {
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            }
        }
        if a.isError { return a }
        if b.isError { return b }
        switch Value.celCompare(a, b) {
        case .some(.some(let r)): return .bool(decide(r))
        case .some(.none): return .bool(false)  // NaN
        case .none: return fail(.noSuchOverload, "no such overload: \(a.type.rawValue) \(op) \(b.type.rawValue)")
        }
    }
}

final class InNode: BinaryNode, @unchecked Sendable {
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c), b = try rhs.eval(c)
        if a.isError { return a }
        switch b {
        case .list(let xs):
            c.charge(xs.count >> 3)
            for x in xs where Value.celEqual(a, x) { return .bool(true) }
            return .bool(false)
        case .map(let m):
            guard let k = MapKey(a, allowDouble: true) else {
                if case .double = a { return .bool(false) }
                return fail(.noSuchOverload, "no such overload: \(a.type.rawValue) in map")
            }
            return .bool(m[k] != nil)
        case .error: return b
        default: return fail(.noSuchOverload, "no such overload: \(a.type.rawValue) in \(b.type.rawValue)")
        }
    }
}

final class NotNode: Node, @unchecked Sendable {
    let operand: Node
    init(_ e: Expr, _ o: Node) { operand = o; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value { located(Value.not(try operand.eval(c))) }
}

final class NegateNode: Node, @unchecked Sendable {
    let operand: Node
    init(_ e: Expr, _ o: Node) { operand = o; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value { located(Value.negate(try operand.eval(c))) }
}
