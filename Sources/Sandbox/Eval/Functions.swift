// Implementations of the built-in functions. Errors are returned as values; size limits throw.

enum Functions {
    static func contains(_ s: String, _ p: String) -> Bool {
        if p.isEmpty { return true }
        var s = s, p = p
        return s.withUTF8 { a in
            p.withUTF8 { b in
                guard b.count <= a.count else { return false }
                let first = b[0]
                var i = 0
                let last = a.count - b.count
                while i <= last {
                    if a[i] == first {
                        var j = 1
                        while j < b.count && a[i + j] == b[j] { j += 1 }
                        if j == b.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    static func noOverload(_ fn: Builtin, _ args: [Value], _ n: Node) -> Value {
        n.fail(.noSuchOverload, "no such overload: \(fn)(\(args.map { $0.type.rawValue }.joined(separator: ", ")))")
    }

    static func apply(_ fn: Builtin, _ args: [Value], _ c: EvalContext, _ n: Node) throws(SandboxError) -> Value {
        switch fn {
        case .size:
            switch args[0] {
            case .string(let s): return .int(Int64(s.codePointCount))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let xs): return .int(Int64(xs.count))
            case .map(let m): return .int(Int64(m.count))
            default: return noOverload(fn, args, n)
            }
        case .toInt: return Conversions.toInt(args[0], n)
        case .toUint: return Conversions.toUint(args[0], n)
        case .toDouble: return Conversions.toDouble(args[0], n)
        case .toString:
            let r = Conversions.toString(args[0], n)
            if case .string(let s) = r { try c.checkString(s, n) }
            return r
        case .toBytes:
            switch args[0] {
            case .bytes: return args[0]
            case .string(let s): return .bytes(Array(s.utf8))
            default: return noOverload(fn, args, n)
            }
        case .toBool:
            switch args[0] {
            case .bool: return args[0]
            case .string(let s):
                switch s {
                case "1", "t", "true", "TRUE", "True": return .bool(true)
                case "0", "f", "false", "FALSE", "False": return .bool(false)
                default: return n.fail(.conversion, "Type conversion error: cannot convert '\(s)' to bool")
                }
            default: return noOverload(fn, args, n)
            }
        case .typeOf: return .type(args[0].type)
        case .dyn: return args[0]
        case .contains, .startsWith, .endsWith:
            guard case .string(let s) = args[0], case .string(let p) = args[1] else { return noOverload(fn, args, n) }
            c.charge(s.utf8.count >> 4)
            switch fn {
            case .contains: return .bool(contains(s, p))
            case .startsWith: return .bool(s.utf8.starts(with: p.utf8))
            default: return .bool(s.utf8.reversed().starts(with: p.utf8.reversed()))
            }
        case .matches:
            guard case .string(let s) = args[0], case .string(let p) = args[1] else { return noOverload(fn, args, n) }
            do {
                return .bool(try LinearRegex(pattern: p).search(s))
            } catch {
                return n.fail(.invalidArgument, "invalid regular expression: \(error)")
            }
        case .charAt, .indexOf, .lastIndexOf, .lowerAscii, .upperAscii, .replace, .split, .substring, .trim, .join, .reverse:
            return try StringFunctions.apply(fn, args, c, n)
        case .greatest, .least:
            var xs = args
            if args.count == 1, case .list(let l) = args[0] { xs = l }
            guard var best = xs.first else { return n.fail(.invalidArgument, "math.\(fn) requires at least one argument") }
            for x in xs {
                switch x {
                case .int, .uint, .double: break
                default: return noOverload(fn, args, n)
                }
            }
            for x in xs.dropFirst() {
                guard case .some(.some(let r)) = Value.celCompare(x, best) else { continue }
                if (fn == .greatest && r > 0) || (fn == .least && r < 0) { best = x }
            }
            return best
        case .mathAbs, .mathCeil, .mathFloor, .mathRound, .mathTrunc, .mathSign, .mathIsNaN, .mathIsInf, .mathIsFinite:
            return MathFunctions.apply(fn, args[0], n)
        }
    }
}

enum MathFunctions {
    static func apply(_ fn: Builtin, _ x: Value, _ n: Node) -> Value {
        switch (fn, x) {
        case (.mathAbs, .int(let i)):
            return i == Int64.min ? n.fail(.overflow, "integer overflow in math.abs") : .int(i < 0 ? -i : i)
        case (.mathAbs, .uint): return x
        case (.mathAbs, .double(let d)): return .double(abs(d))
        case (.mathSign, .int(let i)): return .int(i.signum())
        case (.mathSign, .uint(let u)): return .uint(u == 0 ? 0 : 1)
        case (.mathSign, .double(let d)): return .double(d.isNaN ? d : (d > 0 ? 1 : (d < 0 ? -1 : 0)))
        case (.mathCeil, .double(let d)): return .double(d.rounded(.up))
        case (.mathFloor, .double(let d)): return .double(d.rounded(.down))
        case (.mathRound, .double(let d)): return .double(d.rounded(.toNearestOrAwayFromZero))
        case (.mathTrunc, .double(let d)): return .double(d.rounded(.towardZero))
        case (.mathIsNaN, .double(let d)): return .bool(d.isNaN)
        case (.mathIsInf, .double(let d)): return .bool(d.isInfinite)
        case (.mathIsFinite, .double(let d)): return .bool(d.isFinite)
        default: return Functions.noOverload(fn, [x], n)
        }
    }
}
