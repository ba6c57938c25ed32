// Comprehension macros. List-building macros append in place (no accumulator copies).

class ComprehensionNode: Node, @unchecked Sendable {
    let range: Node
    let slot: Int
    let body: Node
    /// Static cost of one iteration (the body without nested comprehension iterations).
    let bodyCost: Int

    init(_ e: Expr, range: Node, slot: Int, body: Node, bodyCost: Int) {
        self.range = range
        self.slot = slot
        self.body = body
        self.bodyCost = bodyCost
        super.init(e)
    }

    /// The iterated elements: list elements or map keys; nil (with an error) otherwise.
    @inline(__always)
    final func elements(_ v: Value) -> [Value]? {
        switch v {
        case .list(let xs): return xs
        case .map(let m): return m.keys
        default: return nil
        }
    }

    final func badRange(_ v: Value) -> Value {
        if v.isError { return v }
        return fail(.noSuchOverload, "cannot iterate over a value of type \(v.type.rawValue)")
    }
}

/// `all` and `exists`: a predicate over every element that stops at the first deciding result
/// (`false` for `all`, `true` for `exists`). An error or a non-bool result is remembered and returned
/// only when no element decides: `[0, -1].all(x, 1 / x > 0)` is false, absorbing the division error as `&&` would.
final class QuantifierNode: ComprehensionNode, @unchecked Sendable {
    /// The predicate result that decides the whole macro: false for `all`, true for `exists`.
    let decidesOn: Bool
    let name: String

    init(_ e: Expr, range: Node, slot: Int, body: Node, bodyCost: Int, decidesOn: Bool, name: String) {
        self.decidesOn = decidesOn
        self.name = name
        super.init(e, range: range, slot: slot, body: body, bodyCost: bodyCost)
    }

    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let r = try range.eval(c)
        guard let xs = elements(r) else { return badRange(r) }
        var err: Value? = nil
        for x in xs {
            c.slots[slot] = x
            try c.tick(bodyCost)
            let v = try body.eval(c)
            switch v {
            case .bool(let b): if b == decidesOn { return v }
            case .error: if err == nil { err = v }
            default: if err == nil { err = fail(.noSuchOverload, "\(name)() predicate returned \(v.type.rawValue), not bool") }
            }
        }
        return err ?? .bool(!decidesOn)
    }
}

final class ExistsOneNode: ComprehensionNode, @unchecked Sendable {
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let r = try range.eval(c)
        guard let xs = elements(r) else { return badRange(r) }
        var n = 0
        for x in xs {
            c.slots[slot] = x
            try c.tick(bodyCost)
            let v = try body.eval(c)
            switch v {
            case .bool(true): n += 1
            case .bool(false): continue
            case .error: return v
            default: return fail(.noSuchOverload, "exists_one() predicate returned \(v.type.rawValue), not bool")
            }
        }
        return .bool(n == 1)
    }
}

final class MapMacroNode: ComprehensionNode, @unchecked Sendable {
    let filter: Node?
    init(_ e: Expr, range: Node, slot: Int, body: Node, filter: Node?, bodyCost: Int) {
        self.filter = filter
        super.init(e, range: range, slot: slot, body: body, bodyCost: bodyCost)
    }

    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let r = try range.eval(c)
        guard let xs = elements(r) else { return badRange(r) }
        var out: [Value] = []
        out.reserveCapacity(xs.count)
        for x in xs {
            c.slots[slot] = x
            try c.tick(bodyCost)
            if let filter {
                switch try filter.eval(c) {
                case .bool(true): break
                case .bool(false): continue
                case .error(let e): return .error(e)
                case let v: return fail(.noSuchOverload, "map() filter returned \(v.type.rawValue), not bool")
                }
            }
            let v = try body.eval(c)
            if v.isError { return v }
            out.append(v)
        }
        try c.checkCount(out.count, self)
        return .list(out)
    }
}

final class FilterNode: ComprehensionNode, @unchecked Sendable {
    override func eval(_ c: EvalContext) throws(SandboxError) -> Value {
        let r = try range.eval(c)
        guard let xs = elements(r) else { return badRange(r) }
        var out: [Value] = []
        for x in xs {
            c.slots[slot] = x
            try c.tick(bodyCost)
            switch try body.eval(c) {
            case .bool(true): out.append(x)
            case .bool(false): continue
            case .error(let e): return .error(e)
            case let v: return fail(.noSuchOverload, "filter() predicate returned \(v.type.rawValue), not bool")
            }
        }
        try c.checkCount(out.count, self)
        return .list(out)
    }
}
