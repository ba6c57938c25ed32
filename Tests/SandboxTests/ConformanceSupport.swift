import Foundation
@testable import Sandbox

/// Reads the cel-spec conformance JSON files (see sandbox/conformance/cel/README.md).
enum Conformance {
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var directory: URL { repoRoot.appendingPathComponent("sandbox/conformance/cel") }

    static let coreFiles = [
        "basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists", "logic", "macros", "parse",
        "plumbing", "string",
    ]

    struct Case {
        let file: String
        let section: String
        let name: String
        let expr: String
        let bindings: [String: Value]
        let expectError: Bool
        let expected: Value?
        let requires: [String]
    }

    enum DecodeError: Error { case bad(String) }

    static func load(_ relative: String) throws -> [Case] {
        let data = try Data(contentsOf: directory.appendingPathComponent(relative))
        guard let arr = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { throw DecodeError.bad(relative) }
        return try arr.map { t in
            var bindings: [String: Value] = [:]
            for (k, v) in (t["bindings"] as? [String: Any]) ?? [:] { bindings[k] = try decode(v) }
            let expect = (t["expect"] as? [String: Any]) ?? [:]
            let isError = (expect["error"] as? Bool) == true
            var expected: Value? = nil
            if let v = expect["value"] { expected = try decode(v) }
            return Case(
                file: relative, section: t["section"] as? String ?? "", name: t["name"] as? String ?? "",
                expr: t["expr"] as? String ?? "", bindings: bindings, expectError: isError, expected: expected,
                requires: t["requires"] as? [String] ?? [])
        }
    }

    static func decode(_ any: Any) throws -> Value {
        guard let d = any as? [String: Any], let (tag, v) = d.first else { throw DecodeError.bad("\(any)") }
        switch tag {
        case "null": return .null
        case "bool": return .bool((v as? Bool) ?? ((v as? NSNumber)?.boolValue ?? false))
        case "int":
            guard let s = v as? String, let i = Int64(s) else { throw DecodeError.bad("int \(v)") }
            return .int(i)
        case "uint":
            guard let s = v as? String, let u = UInt64(s) else { throw DecodeError.bad("uint \(v)") }
            return .uint(u)
        case "double":
            if let s = v as? String {
                switch s {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default: throw DecodeError.bad("double \(s)")
                }
            }
            guard let n = v as? NSNumber else { throw DecodeError.bad("double \(v)") }
            return .double(n.doubleValue)
        case "string":
            guard let s = v as? String else { throw DecodeError.bad("string") }
            return .string(s)
        case "bytes":
            guard let s = v as? String, let b = Data(base64Encoded: s) else { throw DecodeError.bad("bytes") }
            return .bytes(Array(b))
        case "list":
            guard let xs = v as? [Any] else { throw DecodeError.bad("list") }
            return .list(try xs.map(decode))
        case "map":
            guard let es = v as? [[Any]] else { throw DecodeError.bad("map") }
            var m = MapValue()
            for e in es where e.count == 2 { m.insert(key: try decode(e[0]), value: try decode(e[1])) }
            return .map(m)
        case "type":
            guard let s = v as? String, let t = ValueType(rawValue: s) else { throw DecodeError.bad("type \(v)") }
            return .type(t)
        default:
            throw DecodeError.bad("unsupported tag \(tag)")
        }
    }

    /// Conformance matching: same type and value; map entries in any order; NaN matches NaN.
    static func matches(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
        case (.string(let x), .string(let y)): return Array(x.unicodeScalars) == Array(y.unicodeScalars)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { matches($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.entries {
                guard let j = y.keys.firstIndex(where: { matches($0, k) }), matches(v, y.values[j]) else { return false }
            }
            return true
        default: return false
        }
    }

    /// Runs one case; returns nil on success or a description of the failure.
    static func run(_ c: Case) -> String? {
        do {
            let p = try Program.compile(expression: c.expr)
            let v = try p.evaluateAllowingErrors(bindings: c.bindings)
            if c.expectError {
                return v.isError ? nil : "expected an error, got \(v)"
            }
            if case .error(let e) = v { return "unexpected error: \(e)" }
            guard let exp = c.expected else { return "no expectation" }
            return matches(v, exp) ? nil : "got \(v), expected \(exp)"
        } catch {
            return c.expectError ? nil : "unexpected \(error)"
        }
    }
}
