import Catalog
import Testing
@testable import Tools

/// Every builtin, with every parameter set to each awkward value in turn (on top of a valid call),
/// returns a finite JSON value or a `ToolError`, and never traps.
@Suite struct NoTrapTests {
    static let awkward: [JSONValue] = [
        nil, true, 0, -0.0, -1, 1e308, -1e308, 5e-324, .int(Int64.max), .int(Int64.min), 1.5, 1_000_000_000_000_000.5, "", " ", "x",
        "2024-02-30", "9999-12-31T23:59:59Z", "0001-01-01", "+99:99", "Europe/Paris", "(", "a**", "\\", "$..", "[-1]",
        .string(String(repeating: "ab ", count: 3000)), "👍🏽", [], [1e308, 1e308], [.int(Int64.max), .int(Int64.max)],
        [.int(Int64.min), -1], [nil], [[]], [:], ["a": [:]], [1, "x"],
    ]

    /// True when every number inside `value` is finite.
    static func finite(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let n): n.double.isFinite
        case .array(let items): items.allSatisfy(finite)
        case .object(let object): object.entries.allSatisfy { finite($0.value) }
        default: true
        }
    }

    @Test func awkwardArgumentsNeverTrap() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        var calls = 0
        var errors = 0
        for (function, sample) in BuiltinRegistryTests.samples {
            let tool = try #require(catalog.tools.first { if case .builtin(function) = $0.binding { true } else { false } })
            guard case .object(let base) = sample else { continue }
            for name in tool.parameterNames {
                for value in Self.awkward {
                    var arguments = base
                    arguments[name] = value
                    calls += 1
                    do {
                        let result = try call(function, .object(arguments))
                        #expect(Self.finite(result), "\(function)(\(name): \(value)) returned a non-finite number")
                    } catch {
                        errors += 1
                        #expect(!error.message.isEmpty)
                    }
                }
            }
        }
        #expect(calls > 1000)
        #expect(errors > 0 && errors < calls)
    }

    @Test func randomArgumentsNeverTrap() throws {
        var rng = SplitMix64(seed: 42)
        let functions = BuiltinTools.names.sorted()
        let keys = ["a", "b", "value", "values", "digits", "mode", "text", "pattern", "group", "all", "datetime", "start", "end", "unit",
                    "from", "to", "timezone", "format", "days", "months", "years", "path", "separator", "max_length", "ellipsis",
                    "find", "replacement", "max_parts", "percentile", "population", "base", "exponent", "to_timezone"]
        for _ in 0..<3000 {
            let function = functions[Int(rng.next() % UInt64(functions.count))]
            var arguments = JSONObject()
            for _ in 0..<Int(rng.next() % 5) {
                arguments[keys[Int(rng.next() % UInt64(keys.count))]] = Self.awkward[Int(rng.next() % UInt64(Self.awkward.count))]
            }
            if let result = try? call(function, .object(arguments)) {
                #expect(Self.finite(result), "\(function)(\(arguments)) returned a non-finite number")
            }
        }
    }
}

/// A small deterministic generator for reproducible random tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
