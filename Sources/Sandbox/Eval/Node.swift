/// A compiled, executable expression node. Identifiers are resolved to slots at compile time;
/// evaluation is a virtual call per node with no existential boxing.
/// Nodes are immutable after compilation, so sharing them across tasks is safe.
class Node: @unchecked Sendable {
    let line: Int32
    let column: Int32

    init(_ e: Expr) {
        line = Int32(truncatingIfNeeded: e.line)
        column = Int32(truncatingIfNeeded: e.column)
    }

    init(line: Int, column: Int) {
        self.line = Int32(truncatingIfNeeded: line)
        self.column = Int32(truncatingIfNeeded: column)
    }

    func eval(_ c: EvalContext) throws(SandboxError) -> Value { .null }

    /// Attaches this node's position to an error value that has none.
    @inline(__always)
    final func located(_ v: Value) -> Value {
        if case .error(var e) = v, e.line == 0 {
            e.line = Int(line)
            e.column = Int(column)
            return .error(e)
        }
        return v
    }

    @inline(never)
    final func fail(_ kind: EvalError.Kind, _ msg: String) -> Value {
        .error(EvalError(kind, msg, line: Int(line), column: Int(column)))
    }
}

final class ConstNode: Node, @unchecked Sendable {
    let value: Value
    init(_ e: Expr, _ v: Value) { value = v; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value { value }
}

final class SlotNode: Node, @unchecked Sendable {
    let slot: Int
    init(_ e: Expr, slot: Int) { self.slot = slot; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value { c.slots[slot] }
}

final class ErrorNode: Node, @unchecked Sendable {
    let error: EvalError
    let args: [Node]
    init(_ e: Expr, _ err: EvalError, args: [Node] = []) {
        var err = err
        err.line = e.line
        err.column = e.column
        error = err
        self.args = args
        super.init(e)
    }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        for a in args {
            let v = try a.eval(c)
            if v.isError { return v }
        }
        return .error(error)
    }
}

final class SelectNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    init(_ e: Expr, _ o: Node, _ f: String) { operand = o; field = f; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let v = try operand.eval(c)
        switch v {
        case .map(let m):
            if let r = m.lookup(string: field) { return r }
            return fail(.noSuchKey, "no such key: '\(field)'")
        case .error: return v
        default: return fail(.noSuchField, "type '\(v.type.rawValue)' does not support field selection ('.\(field)')")
        }
    }
}

final class PresenceNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    init(_ e: Expr, _ o: Node, _ f: String) { operand = o; field = f; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let v = try operand.eval(c)
        switch v {
        case .map(let m): return .bool(m.lookup(string: field) != nil)
        case .error: return v
        default: return fail(.noSuchField, "type '\(v.type.rawValue)' does not support field selection ('.\(field)')")
        }
    }
}

final class IndexNode: Node, @unchecked Sendable {
    let operand: Node
    let index: Node
    init(_ e: Expr, _ o: Node, _ i: Node) { operand = o; index = i; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let v = try operand.eval(c)
        if v.isError { return v }
        let i = try index.eval(c)
        if i.isError { return i }
        switch v {
        case .list(let xs):
            let n: Int64
            switch i {
            case .int(let x): n = x
            case .uint(let u):
                guard u <= UInt64(Int64.max) else { return fail(.indexOutOfRange, "index out of range: \(u)") }
                n = Int64(u)
            case .double(let d):
                guard let x = Int64(exactly: d) else { return fail(.invalidArgument, "invalid_argument: index \(d) is not an integer") }
                n = x
            default: return fail(.invalidArgument, "invalid_argument: list index of type \(i.type.rawValue)")
            }
            guard n >= 0 && n < Int64(xs.count) else {
                return fail(.indexOutOfRange, "invalid_argument: index \(n) out of range for a list of size \(xs.count)")
            }
            return xs[Int(n)]
        case .map(let m):
            guard let k = MapKey(i, allowDouble: true) else {
                if case .double = i { return fail(.noSuchKey, "no such key: \(Printer.literal(i))") }
                return fail(.noSuchKey, "no such key: unsupported key type \(i.type.rawValue)")
            }
            if let r = m[k] { return r }
            return fail(.noSuchKey, "no such key: \(Printer.literal(i))")
        default:
            return fail(.noSuchOverload, "no such overload: \(v.type.rawValue)[\(i.type.rawValue)]")
        }
    }
}

final class ListNode: Node, @unchecked Sendable {
    let elements: [Node]
    init(_ e: Expr, _ xs: [Node]) { elements = xs; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        var out: [Value] = []
        out.reserveCapacity(elements.count)
        for n in elements {
            let v = try n.eval(c)
            if v.isError { return v }
            out.append(v)
        }
        try c.checkCount(out.count, self)
        return .list(out)
    }
}

final class MapNode: Node, @unchecked Sendable {
    let keys: [Node]
    let values: [Node]
    init(_ e: Expr, _ k: [Node], _ v: [Node]) { keys = k; values = v; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        var m = MapValue(minimumCapacity: keys.count)
        for i in keys.indices {
            let k = try keys[i].eval(c)
            if k.isError { return k }
            let v = try values[i].eval(c)
            if v.isError { return v }
            guard MapKey(k) != nil else {
                return fail(.invalidArgument, "unsupported key type: \(k.type.rawValue)")
            }
            if !m.insert(key: k, value: v) {
                return fail(.duplicateKey, "Failed with repeated key: \(Printer.literal(k))")
            }
        }
        try c.checkCount(m.count, self)
        return .map(m)
    }
}

final class ConditionalNode: Node, @unchecked Sendable {
    let cond: Node, then: Node, otherwise: Node
    init(_ e: Expr, _ a: Node, _ b: Node, _ d: Node) { cond = a; then = b; otherwise = d; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        switch try cond.eval(c) {
        case .bool(true): return try then.eval(c)
        case .bool(false): return try otherwise.eval(c)
        case .error(let e): return .error(e)
        case let v: return fail(.noSuchOverload, "no matching overload: condition of type \(v.type.rawValue)")
        }
    }
}

final class AndNode: Node, @unchecked Sendable {
    let lhs: Node, rhs: Node
    init(_ e: Expr, _ a: Node, _ b: Node) { lhs = a; rhs = b; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c)
        if case .bool(false) = a { return a }
        let b = try rhs.eval(c)
        if case .bool(let y) = b {
            if !y { return b }
            if case .bool = a { return b }
        }
        if a.isError { return a }
        if b.isError { return b }
        return fail(.noSuchOverload, "no matching overload: \(a.type.rawValue) && \(b.type.rawValue)")
    }
}

final class OrNode: Node, @unchecked Sendable {
    let lhs: Node, rhs: Node
    init(_ e: Expr, _ a: Node, _ b: Node) { lhs = a; rhs = b; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let a = try lhs.eval(c)
        if case .bool(true) = a { return a }
        let b = try rhs.eval(c)
        if case .bool(let y) = b {
            if y { return b }
            if case .bool = a { return b }
        }
        if a.isError { return a }
        if b.isError { return b }
        return fail(.noSuchOverload, "no matching overload: \(a.type.rawValue) || \(b.type.rawValue)")
    }
}

final class BindNode: Node, @unchecked Sendable {
    let slot: Int
    let initial: Node, body: Node
    init(_ e: Expr, slot: Int, _ i: Node, _ b: Node) { self.slot = slot; initial = i; body = b; super.init(e) }
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        c.slots[slot] = try initial.eval(c)
        return try body.eval(c)
    }
}
