import Catalog
import Testing
@testable import Tools

@Suite struct JSONBuiltinsTests {
    static let data: JSONValue = ["results": [["name": "Paris", "pop": 2_100_000], ["name": "Lyon", "tags": []]], "odd key": true]

    @Test(arguments: [
        ("$.results[0].name", #""Paris""#), ("results[-1].name", #""Lyon""#), (#"$["odd key"]"#, "true"),
        ("$.results[5].name", "null"), ("$", #"{"results":[{"name":"Paris","pop":2100000},{"name":"Lyon","tags":[]}],"odd key":true}"#),
    ])
    func picks(path: String, expected: String) throws {
        #expect(try call("json_pick", ["value": Self.data, "path": .string(path)]).serialized() == expected)
    }

    @Test func pickDefaultsAndErrors() throws {
        #expect(try call("json_pick", ["value": Self.data, "path": "missing", "default": 0]) == 0)
        #expect(try call("json_pick", ["value": nil, "path": "a"]) == nil)
        #expect(failure("json_pick", ["value": 1, "path": "a..b"])?.path?.description == "$.path")
        #expect(failure("json_pick", ["path": "a"])?.description == "$.value: required argument missing")
    }

    @Test func flattens() throws {
        #expect(try call("json_flatten", ["value": Self.data]).serialized()
            == #"{"results.0.name":"Paris","results.0.pop":2100000,"results.1.name":"Lyon","results.1.tags":[],"odd key":true}"#)
        #expect(try call("json_flatten", ["value": [1, [2, 3]], "separator": "/"]).serialized() == #"{"0":1,"1/0":2,"1/1":3}"#)
        #expect(try call("json_flatten", ["value": [:]]).serialized() == "{}")
        #expect(failure("json_flatten", ["value": 3])?.description == "$.value: expected an object or an array, found integer")
    }

    @Test func flattenLimits() {
        var deep: JSONValue = 1
        for _ in 0..<10 { deep = [deep] }
        let shallow = BuiltinTools(context: BuiltinContext(limits: BuiltinLimits(maxDepth: 5)))
        #expect(failure2(shallow, "json_flatten", ["value": deep])?.message == "nesting deeper than the limit maxDepth=5")
        let few = BuiltinTools(context: BuiltinContext(limits: BuiltinLimits(maxListItems: 2)))
        #expect(failure2(few, "json_flatten", ["value": [1, 2, 3]])?.message == "more than the limit maxListItems=2 entries")
        #expect(throws: Never.self) { try few.call("json_flatten", arguments: ["value": [1, 2]]) }
    }
}

@Suite struct UnitBuiltinsTests {
    @Test(arguments: [
        ("convert_length", 1.0, "mi", "km", "1.609344"), ("convert_length", 100, "cm", "in", "39.3700787401575"),
        ("convert_length", 1, "nmi", "m", "1852"), ("convert_length", 3, "ft", "yd", "1"),
        ("convert_mass", 1, "lb", "g", "453.59237"), ("convert_mass", 14, "lb", "st", "1"), ("convert_mass", 1, "t", "kg", "1000"),
        ("convert_volume", 1, "gallon", "l", "3.785411784"), ("convert_volume", 3, "tsp", "tbsp", "1"), ("convert_volume", 1, "m3", "l", "1000"),
        ("convert_speed", 100, "km_h", "mph", "62.1371192237334"), ("convert_speed", 1, "knot", "km_h", "1.852"),
        ("convert_data_size", 1, "GiB", "MiB", "1024"), ("convert_data_size", 1, "GB", "MB", "1000"), ("convert_data_size", 100, "Mbit", "MB", "12.5"),
        ("convert_data_size", 1, "PiB", "B", "1125899906842624"),
        ("convert_temperature", 100, "celsius", "fahrenheit", "212"), ("convert_temperature", 32, "fahrenheit", "celsius", "0"),
        ("convert_temperature", 0, "kelvin", "celsius", "-273.15"), ("convert_temperature", -40, "celsius", "fahrenheit", "-40"),
        ("convert_temperature", 20.5, "celsius", "celsius", "20.5"),
    ])
    func converts(function: String, value: Double, from: String, to: String, expected: String) throws {
        #expect(try call(function, ["value": .double(value), "from": .string(from), "to": .string(to)]).serialized() == expected)
    }

    @Test func conversionErrors() {
        #expect(failure("convert_length", ["value": 1, "from": "parsec", "to": "m"])?.description
            == #"$.from: unknown unit "parsec" (expected one of cm, ft, in, km, m, mi, mm, nmi, yd)"#)
        #expect(failure("convert_temperature", ["value": -300, "from": "celsius", "to": "kelvin"])?.description
            == "$.value: -300 celsius is below absolute zero")
        #expect(failure("convert_data_size", ["value": 1e300, "from": "PiB", "to": "bit"])?.code == .outOfRange)
        #expect(failure("convert_mass", ["value": "1", "from": "kg", "to": "g"])?.path?.description == "$.value")
    }
}
