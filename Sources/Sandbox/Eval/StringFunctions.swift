// The string extension functions (cel-go `ext.Strings`), indexing by code points.

enum StringFunctions {
    private static func index(_ v: Value) -> Int64? {
        if case .int(let i) = v { return i }
        return nil
    }

    private static func find(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int) -> Int? {
        if needle.isEmpty { return from }
        guard needle.count <= hay.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func apply(_ fn: Builtin, _ args: [Value], _ c: EvalContext, _ n: Node) throws(SandboxError) -> Value {
        let bad = Functions.noOverload(fn, args, n)
        if fn == .join {
            guard case .list(let xs) = args[0] else { return bad }
            var sep = ""
            if args.count == 2 {
                guard case .string(let s) = args[1] else { return bad }
                sep = s
            }
            var parts: [String] = []
            for x in xs {
                guard case .string(let s) = x else { return n.fail(.noSuchOverload, "join: list element of type \(x.type.rawValue) is not a string") }
                parts.append(s)
            }
            let r = parts.joined(separator: sep)
            try c.checkString(r, n)
            return .string(r)
        }
        guard case .string(let s) = args[0] else { return bad }
        c.charge(s.utf8.count >> 4)
        switch fn {
        case .lowerAscii, .upperAscii:
            guard args.count == 1 else { return bad }
            let lower = fn == .lowerAscii
            let bytes = s.utf8.map { b -> UInt8 in
                if lower, b >= 65 && b <= 90 { return b + 32 }
                if !lower, b >= 97 && b <= 122 { return b - 32 }
                return b
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        case .trim:
            let sc = Array(s.unicodeScalars)
            var a = 0, b = sc.count
            while a < b && sc[a].properties.isWhitespace { a += 1 }
            while b > a && sc[b - 1].properties.isWhitespace { b -= 1 }
            var r = String.UnicodeScalarView()
            r.append(contentsOf: sc[a..<b])
            return .string(String(r))
        case .reverse:
            var r = String.UnicodeScalarView()
            r.append(contentsOf: s.unicodeScalars.reversed())
            return .string(String(r))
        case .charAt:
            guard args.count == 2, let i = index(args[1]) else { return bad }
            let sc = Array(s.unicodeScalars)
            guard i >= 0 && i <= Int64(sc.count) else { return n.fail(.indexOutOfRange, "index out of range: \(i)") }
            if i == Int64(sc.count) { return .string("") }
            return .string(String(Character(sc[Int(i)])))
        case .indexOf, .lastIndexOf:
            guard case .string(let sub) = args[1] else { return bad }
            let sc = Array(s.unicodeScalars), nd = Array(sub.unicodeScalars)
            var off: Int64 = fn == .indexOf ? 0 : Int64(sc.count)
            if args.count == 3 {
                guard let o = index(args[2]) else { return bad }
                guard o >= 0 && o <= Int64(sc.count) else { return n.fail(.indexOutOfRange, "index out of range: \(o)") }
                off = o
            }
            if fn == .indexOf { return .int(Int64(find(sc, nd, from: Int(off)) ?? -1)) }
            if nd.isEmpty { return .int(off) }
            var i = min(Int(off), sc.count - nd.count)
            while i >= 0 {
                if sc[i..<(i + nd.count)].elementsEqual(nd) { return .int(Int64(i)) }
                i -= 1
            }
            return .int(-1)
        case .replace:
            guard case .string(let old) = args[1], case .string(let new) = args[2] else { return bad }
            var limit: Int64 = -1
            if args.count == 4 {
                guard let l = index(args[3]) else { return bad }
                limit = l
            }
            let r = replace(s, old, new, limit)
            try c.checkString(r, n)
            return .string(r)
        case .split:
            guard case .string(let sep) = args[1] else { return bad }
            var limit: Int64 = -1
            if args.count == 3 {
                guard let l = index(args[2]) else { return bad }
                limit = l
            }
            let parts = split(s, sep, limit)
            try c.checkCount(parts.count, n)
            return .list(parts.map { .string($0) })
        case .substring:
            guard let a = index(args[1]) else { return bad }
            let sc = Array(s.unicodeScalars)
            var b = Int64(sc.count)
            if args.count == 3 {
                guard let e = index(args[2]) else { return bad }
                b = e
            }
            guard a >= 0 && a <= Int64(sc.count) else { return n.fail(.indexOutOfRange, "index out of range: \(a)") }
            guard b >= 0 && b <= Int64(sc.count) else { return n.fail(.indexOutOfRange, "index out of range: \(b)") }
            guard a <= b else { return n.fail(.invalidArgument, "invalid substring range. start: \(a), end: \(b)") }
            var r = String.UnicodeScalarView()
            r.append(contentsOf: sc[Int(a)..<Int(b)])
            return .string(String(r))
        default:
            return bad
        }
    }

    static func replace(_ s: String, _ old: String, _ new: String, _ limit: Int64) -> String {
        if limit == 0 { return s }
        let hay = Array(s.unicodeScalars), nd = Array(old.unicodeScalars)
        var out = String.UnicodeScalarView()
        var done: Int64 = 0
        var i = 0
        if nd.isEmpty {
            // insert `new` before every code point and at the end, as Go's strings.Replace does
            for sc in hay {
                if limit < 0 || done < limit { out.append(contentsOf: new.unicodeScalars); done += 1 }
                out.append(sc)
            }
            if limit < 0 || done < limit { out.append(contentsOf: new.unicodeScalars) }
            return String(out)
        }
        while i < hay.count {
            if (limit < 0 || done < limit), i + nd.count <= hay.count, hay[i..<(i + nd.count)].elementsEqual(nd) {
                out.append(contentsOf: new.unicodeScalars)
                i += nd.count
                done += 1
            } else {
                out.append(hay[i])
                i += 1
            }
        }
        return String(out)
    }

    static func split(_ s: String, _ sep: String, _ limit: Int64) -> [String] {
        if limit == 0 { return [] }
        let hay = Array(s.unicodeScalars), nd = Array(sep.unicodeScalars)
        func str(_ r: ArraySlice<Unicode.Scalar>) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: r)
            return String(v)
        }
        if limit == 1 { return [s] }
        if nd.isEmpty {
            var parts: [String] = []
            for (k, sc) in hay.enumerated() {
                if limit > 0 && Int64(parts.count) == limit - 1 {
                    parts.append(str(hay[k...]))
                    return parts
                }
                parts.append(String(Character(sc)))
            }
            return parts
        }
        var parts: [String] = []
        var start = 0, i = 0
        while i + nd.count <= hay.count {
            if limit > 0 && Int64(parts.count) == limit - 1 { break }
            if hay[i..<(i + nd.count)].elementsEqual(nd) {
                parts.append(str(hay[start..<i]))
                i += nd.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(str(hay[start...]))
        return parts
    }
}
