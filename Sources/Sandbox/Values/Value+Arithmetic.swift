// Arithmetic with CEL's overflow errors. Never traps.

extension Value {
    static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .err(.overflow, "integer overflow in \(x) + \(y)") : .int(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .err(.overflow, "unsigned integer overflow in \(x)u + \(y)u") : .uint(r)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
        default:
            if case .error = a { return a }
            if case .error = b { return b }
            return .noOverload("_+_", a, b)
        }
    }

    static func subtract(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .err(.overflow, "integer overflow in \(x) - \(y)") : .int(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .err(.overflow, "unsigned integer overflow in \(x)u - \(y)u") : .uint(r)
        default:
            if case .error = a { return a }
            if case .error = b { return b }
            return .noOverload("_-_", a, b)
        }
    }

    static func multiply(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .err(.overflow, "integer overflow in \(x) * \(y)") : .int(r)
        case (.double(let x), .double(let y)): return .double(x * y)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .err(.overflow, "unsigned integer overflow in \(x)u * \(y)u") : .uint(r)
        default:
            if case .error = a { return a }
            if case .error = b { return b }
            return .noOverload("_*_", a, b)
        }
    }

    static func divide(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .err(.divisionByZero, "division by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y)
            return o ? .err(.overflow, "integer overflow in \(x) / \(y)") : .int(r)
        case (.double(let x), .double(let y)): return .double(x / y)
        case (.uint(let x), .uint(let y)):
            if y == 0 { return .err(.divisionByZero, "division by zero") }
            return .uint(x / y)
        default:
            if case .error = a { return a }
            if case .error = b { return b }
            return .noOverload("_/_", a, b)
        }
    }

    static func modulo(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .err(.divisionByZero, "modulus by zero") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            return o ? .err(.overflow, "integer overflow in \(x) % \(y)") : .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { return .err(.divisionByZero, "modulus by zero") }
            return .uint(x % y)
        default:
            if case .error = a { return a }
            if case .error = b { return b }
            return .noOverload("_%_", a, b)
        }
    }

    static func negate(_ a: Value) -> Value {
        switch a {
        case .int(let x):
            let (r, o) = Int64(0).subtractingReportingOverflow(x)
            return o ? .err(.overflow, "integer overflow in -(\(x))") : .int(r)
        case .double(let x): return .double(-x)
        case .error: return a
        default: return .noOverload("-_", a)
        }
    }

    static func not(_ a: Value) -> Value {
        switch a {
        case .bool(let x): return .bool(!x)
        case .error: return a
        default: return .noOverload("!_", a)
        }
    }
}
