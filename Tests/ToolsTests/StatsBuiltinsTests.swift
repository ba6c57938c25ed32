import Catalog
import Testing
@testable import Tools

@Suite struct StatsBuiltinsTests {
    @Test(arguments: [
        ("stats_sum", #"{"values": [1, 2, 3]}"#, "6"),
        ("stats_sum", #"{"values": [0.1, 0.2, 0.3]}"#, "0.6"),
        ("stats_sum", #"{"values": [1e308, 1e308, -1e308]}"#, "1e+308"),
        ("stats_sum", #"{"values": [9223372036854775807, 1]}"#, "9.223372036854776e+18"),
        ("stats_mean", #"{"values": [1, 2, 3, 4]}"#, "2.5"),
        ("stats_mean", #"{"values": [1.7e308, 1.7e308]}"#, "1.7e+308"),
        ("stats_median", #"{"values": [5, 1, 3]}"#, "3"),
        ("stats_median", #"{"values": [4, 1, 3, 2]}"#, "2.5"),
        ("stats_median", #"{"values": [9007199254740993, 1, 9007199254740993]}"#, "9007199254740993"),
        ("stats_min", #"{"values": [3, -1.5, 2]}"#, "-1.5"),
        ("stats_max", #"{"values": [3, -1.5, 2]}"#, "3"),
        ("stats_max", #"{"values": [9007199254740993, 9007199254740992]}"#, "9007199254740993"),
        ("stats_stdev", #"{"values": [2, 4, 4, 4, 5, 5, 7, 9]}"#, "2.138089935299395"),
        ("stats_stdev", #"{"values": [2, 4, 4, 4, 5, 5, 7, 9], "population": true}"#, "2"),
        ("stats_stdev", #"{"values": [5], "population": true}"#, "0"),
        ("stats_stdev", #"{"values": [0, 0]}"#, "0"),
        ("stats_stdev", #"{"values": [1e308, -1e308]}"#, "1.4142135623730951e+308"),
        ("stats_percentile", #"{"values": [1, 2, 3, 4, 5], "percentile": 90}"#, "4.6"),
        ("stats_percentile", #"{"values": [15, 20, 35, 40, 50], "percentile": 40}"#, "29"),
        ("stats_percentile", #"{"values": [1, 2, 3], "percentile": 0}"#, "1"),
        ("stats_percentile", #"{"values": [1, 2, 3], "percentile": 100}"#, "3"),
        ("stats_percentile", #"{"values": [7], "percentile": 50}"#, "7"),
        ("stats_describe", #"{"values": [1, 2, 3, 4]}"#,
         #"{"count":4,"sum":10,"mean":2.5,"median":2.5,"min":1,"max":4,"stdev":1.2909944487358056,"p25":1.75,"p75":3.25}"#),
        ("stats_describe", #"{"values": [5]}"#, #"{"count":1,"sum":5,"mean":5,"median":5,"min":5,"max":5,"stdev":null,"p25":5,"p75":5}"#),
    ])
    func computes(function: String, arguments: String, expected: String) throws {
        #expect(try call(function, try JSONParser.parse(arguments)).serialized() == expected)
    }

    @Test(arguments: [
        ("stats_mean", #"{"values": []}"#, "$.values: needs at least one number"),
        ("stats_sum", #"{}"#, "$.values: required argument missing"),
        ("stats_sum", #"{"values": 3}"#, "$.values: expected a list of numbers, found integer"),
        ("stats_max", #"{"values": [1, "2"]}"#, "$.values[1]: expected a number, found string"),
        ("stats_stdev", #"{"values": [1]}"#, "$.values: the sample standard deviation needs at least two numbers"),
        ("stats_percentile", #"{"values": [1], "percentile": 101}"#, "$.percentile: 101 is outside 0...100"),
        ("stats_sum", #"{"values": [1.7e308, 1.7e308]}"#, "sum is too large for a double"),
    ])
    func fails(function: String, arguments: String, expected: String) throws {
        #expect(failure(function, try JSONParser.parse(arguments))?.description == expected)
    }

    @Test func listLimit() {
        let small = BuiltinTools(context: BuiltinContext(limits: BuiltinLimits(maxListItems: 3)))
        #expect(throws: Never.self) { try small.call("stats_sum", arguments: ["values": [1, 2, 3]]) }
        do {
            _ = try small.call("stats_sum", arguments: ["values": [1, 2, 3, 4]])
            Issue.record("expected the list limit")
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.description == "$.values: list of 4 items exceeds the limit maxListItems=3")
        }
    }
}
