import Catalog
import Testing
@testable import Tools

@Suite struct BuiltinRegistryTests {
    @Test func catalogAndImplementationsMatch() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        let (unimplemented, unbound) = BuiltinTools.mismatches(with: catalog)
        #expect(unimplemented.isEmpty, "catalog tools without an implementation: \(unimplemented)")
        #expect(unbound.isEmpty, "implementations no catalog tool binds: \(unbound)")
        #expect(BuiltinTools.names.count == 36)
    }

    @Test func unknownFunctionAndNonObjectArguments() {
        #expect(failure("nope", [:])?.code == .unknownFunction)
        #expect(failure("math_add", [1, 2])?.description == "$: arguments must be an object, found array")
        #expect(!tools.has("nope"))
        #expect(tools.has("math_add"))
    }

    /// One typical call per builtin: it succeeds and its result matches the catalog's result schema.
    static let samples: [(String, JSONValue)] = [
        ("math_add", ["a": 2, "b": 3]), ("math_subtract", ["a": 2, "b": 3.5]), ("math_multiply", ["a": 4, "b": 2.5]),
        ("math_divide", ["a": 1, "b": 4]), ("math_modulo", ["a": 7, "b": 3]), ("math_power", ["base": 2, "exponent": 10]),
        ("math_round", ["value": 2.345, "digits": 1]),
        ("stats_sum", ["values": [1, 2, 3]]), ("stats_mean", ["values": [1, 2]]), ("stats_median", ["values": [3, 1, 2]]),
        ("stats_min", ["values": [3, 1]]), ("stats_max", ["values": [3, 1]]), ("stats_stdev", ["values": [1, 2, 3]]),
        ("stats_percentile", ["values": [1, 2, 3], "percentile": 90]), ("stats_describe", ["values": [1, 2, 3, 4]]),
        ("datetime_now", [:]), ("datetime_parse", ["text": "2024-03-10"]),
        ("datetime_format", ["datetime": "2024-03-10T10:00:00Z", "format": "date"]),
        ("datetime_add", ["datetime": "2024-03-10", "days": 1]),
        ("datetime_difference", ["start": "2024-03-10", "end": "2024-03-12"]),
        ("datetime_convert_timezone", ["datetime": "2024-03-10T10:00:00Z", "to_timezone": "Asia/Tokyo"]),
        ("text_regex_extract", ["text": "a1b22", "pattern": "[0-9]+", "all": true]), ("text_truncate", ["text": "hello world", "max_length": 8]),
        ("text_word_count", ["text": "one two"]), ("text_lowercase", ["text": "AB"]), ("text_uppercase", ["text": "ab"]),
        ("text_replace", ["text": "aXb", "find": "X", "replacement": "-"]), ("text_split", ["text": "a,b", "separator": ","]),
        ("json_pick", ["value": ["a": 1], "path": "a"]), ("json_flatten", ["value": ["a": ["b": 1]]]),
        ("convert_length", ["value": 1, "from": "km", "to": "m"]), ("convert_mass", ["value": 1, "from": "kg", "to": "g"]),
        ("convert_temperature", ["value": 0, "from": "celsius", "to": "kelvin"]), ("convert_volume", ["value": 1, "from": "l", "to": "ml"]),
        ("convert_speed", ["value": 36, "from": "km_h", "to": "m_s"]), ("convert_data_size", ["value": 1, "from": "KiB", "to": "B"]),
    ]

    @Test func everyBuiltinHasASampleWhoseResultMatchesItsSchema() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        #expect(Set(Self.samples.map(\.0)) == BuiltinTools.names)
        for (function, arguments) in Self.samples {
            let tool = try #require(catalog.tools.first { if case .builtin(function) = $0.binding { true } else { false } })
            let validated = try tool.validateArguments(arguments)
            let result = try call(function, validated)
            let issues = tool.result?.validate(result) ?? []
            #expect(issues.isEmpty, "\(function) -> \(result): \(issues)")
        }
    }
}
