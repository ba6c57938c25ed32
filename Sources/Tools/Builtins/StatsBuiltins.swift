import Catalog

/// `stats_*`: descriptive statistics over a non-empty list of numbers, robust to overflow.
enum StatsBuiltins {
    static let functions: [String: BuiltinFunction] = [
        "stats_sum": sum, "stats_mean": mean, "stats_median": median, "stats_min": minimum, "stats_max": maximum,
        "stats_stdev": stdev, "stats_percentile": percentile, "stats_describe": describe,
    ]

    static func sum(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        try total(try a.numbers("values"))
    }

    static func total(_ values: [JSONNumber]) throws(ToolError) -> JSONValue {
        var exact: Int64 = 0
        var allExact = true
        for v in values {
            guard let i = v.int else { allExact = false; break }
            let (s, overflow) = exact.addingReportingOverflow(i)
            if overflow { allExact = false; break }
            exact = s
        }
        if allExact { return .int(exact) }
        return try MathBuiltins.finite(compensatedSum(values.map(\.double)), "sum")
    }

    /// Neumaier's compensated sum; when an intermediate sum overflows, the values are summed scaled
    /// down by 2^64 (exact) so that a finite total is still found. Infinite when the total itself overflows.
    static func compensatedSum(_ values: [Double]) -> Double {
        let sum = neumaier(values)
        if sum.isFinite { return sum }
        let scale = 0x1p-64
        return neumaier(values.map { $0 * scale }) / scale
    }

    static func neumaier(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for v in values {
            let t = sum + v
            if abs(sum) >= abs(v) { compensation += (sum - t) + v } else { compensation += (v - t) + sum }
            sum = t
        }
        return sum + compensation
    }

    /// The mean, without overflow even when the sum would overflow.
    static func meanValue(_ values: [Double]) -> Double {
        let n = Double(values.count)
        let s = compensatedSum(values)
        if s.isFinite { return s / n }
        return compensatedSum(values.map { $0 / n })
    }

    static func mean(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        try MathBuiltins.finite(meanValue(try a.numbers("values").map(\.double)), "mean")
    }

    static func sorted(_ values: [JSONNumber]) -> [JSONNumber] {
        values.sorted { JSONNumber.compare($0, $1) < 0 }
    }

    /// The `p`-th percentile (0...100) of sorted values, interpolating linearly between closest ranks.
    static func percentileValue(_ sorted: [JSONNumber], _ p: Double) -> JSONValue {
        guard let first = sorted.first, let last = sorted.last else { return .null }
        let rank = p / 100 * Double(sorted.count - 1)
        guard rank > 0 else { return .number(first) }
        guard rank < Double(sorted.count - 1) else { return .number(last) }
        let lower = Int(rank.rounded(.down))
        let fraction = rank - Double(lower)
        if fraction == 0 { return .number(sorted[lower]) }
        let x = sorted[lower].double
        let y = sorted[lower + 1].double
        return .double(x * (1 - fraction) + y * fraction)
    }

    static func median(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        percentileValue(sorted(try a.numbers("values")), 50)
    }

    static func minimum(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let values = try a.numbers("values")
        return values.min { JSONNumber.compare($0, $1) < 0 }.map { .number($0) } ?? .null
    }

    static func maximum(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let values = try a.numbers("values")
        return values.max { JSONNumber.compare($0, $1) < 0 }.map { .number($0) } ?? .null
    }

    /// Standard deviation, computed on values scaled by their largest magnitude so squares never overflow.
    static func standardDeviation(_ values: [Double], population: Bool) -> Double? {
        let n = values.count
        guard n >= (population ? 1 : 2) else { return nil }
        let scale = values.map(abs).max() ?? 0
        guard scale > 0 else { return 0 }
        let scaled = values.map { $0 / scale }
        let m = meanValue(scaled)
        let squares = compensatedSum(scaled.map { ($0 - m) * ($0 - m) })
        let variance = squares / Double(population ? n : n - 1)
        return variance.squareRoot() * scale
    }

    static func stdev(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let values = try a.numbers("values").map(\.double)
        let population = try a.bool("population", default: false)
        guard let s = standardDeviation(values, population: population) else {
            throw ToolError.invalid("values", "the sample standard deviation needs at least two numbers")
        }
        return try MathBuiltins.finite(s, "standard deviation")
    }

    static func percentile(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let values = try a.numbers("values")
        let p = try a.double("percentile")
        guard p >= 0 && p <= 100 else {
            throw ToolError(.outOfRange, path: JSONPath.root.appending("percentile"), "\(JSONNumber(p)) is outside 0...100")
        }
        return percentileValue(sorted(values), p)
    }

    static func describe(_ a: BuiltinArguments, _ context: BuiltinContext) throws(ToolError) -> JSONValue {
        let values = try a.numbers("values")
        let doubles = values.map(\.double)
        let order = sorted(values)
        var out = JSONObject()
        out["count"] = .int(values.count)
        out["sum"] = (try? total(values)) ?? .null
        let m = meanValue(doubles)
        out["mean"] = m.isFinite ? .double(m) : .null
        out["median"] = percentileValue(order, 50)
        out["min"] = order.first.map { .number($0) } ?? .null
        out["max"] = order.last.map { .number($0) } ?? .null
        let s = standardDeviation(doubles, population: false)
        out["stdev"] = s.flatMap { $0.isFinite ? .double($0) : nil } ?? .null
        out["p25"] = percentileValue(order, 25)
        out["p75"] = percentileValue(order, 75)
        return .object(out)
    }
}
