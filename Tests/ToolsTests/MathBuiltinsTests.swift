import Catalog
import Testing
@testable import Tools

@Suite struct MathBuiltinsTests {
    @Test(arguments: [
        ("math_add", #"{"a": 2, "b": 3}"#, "5"),
        ("math_add", #"{"a": 0.1, "b": 0.2}"#, "0.30000000000000004"),
        ("math_add", #"{"a": 9223372036854775807, "b": 1}"#, "9.223372036854776e+18"),
        ("math_add", #"{"a": 9007199254740993, "b": 0}"#, "9007199254740993"),
        ("math_subtract", #"{"a": 2, "b": 3.5}"#, "-1.5"),
        ("math_subtract", #"{"a": -9223372036854775807, "b": 2}"#, "-9.223372036854776e+18"),
        ("math_multiply", #"{"a": 4, "b": 2.5}"#, "10"),
        ("math_multiply", #"{"a": 4294967296, "b": 4294967296}"#, "1.8446744073709552e+19"),
        ("math_divide", #"{"a": 10, "b": 4}"#, "2.5"),
        ("math_divide", #"{"a": 12, "b": -4}"#, "-3"),
        ("math_divide", #"{"a": -9223372036854775807, "b": -1}"#, "9223372036854775807"),
        ("math_modulo", #"{"a": 7, "b": 3}"#, "1"),
        ("math_modulo", #"{"a": -7, "b": 3}"#, "-1"),
        ("math_modulo", #"{"a": 7.5, "b": 2}"#, "1.5"),
        ("math_power", #"{"base": 2, "exponent": 10}"#, "1024"),
        ("math_power", #"{"base": 3, "exponent": 40}"#, "1.2157665459056929e+19"),
        ("math_power", #"{"base": 2, "exponent": -1}"#, "0.5"),
        ("math_power", #"{"base": 9, "exponent": 0.5}"#, "3"),
        ("math_power", #"{"base": 0, "exponent": 0}"#, "1"),
        ("math_round", #"{"value": 2.345, "digits": 1}"#, "2.3"),
        ("math_round", #"{"value": 2.5}"#, "3"),
        ("math_round", #"{"value": -2.5}"#, "-3"),
        ("math_round", #"{"value": 2.5, "mode": "half_even"}"#, "2"),
        ("math_round", #"{"value": 2.71, "digits": 1, "mode": "floor"}"#, "2.7"),
        ("math_round", #"{"value": -2.71, "mode": "ceil"}"#, "-2"),
        ("math_round", #"{"value": -2.71, "mode": "trunc"}"#, "-2"),
        ("math_round", #"{"value": 1234.5, "digits": -2}"#, "1200"),
        ("math_round", #"{"value": 1e300, "digits": 10}"#, "1e+300"),
        ("math_round", #"{"value": 7, "digits": 3}"#, "7"),
    ])
    func computes(function: String, arguments: String, expected: String) throws {
        #expect(try call(function, try JSONParser.parse(arguments)).serialized() == expected)
    }

    @Test(arguments: [
        ("math_divide", #"{"a": 1, "b": 0}"#, "$.b: division by zero"),
        ("math_divide", #"{"a": 1, "b": -0.0}"#, "$.b: division by zero"),
        ("math_modulo", #"{"a": 1, "b": 0}"#, "$.b: modulo by zero"),
        ("math_add", #"{"a": 1.7e308, "b": 1.7e308}"#, "result is too large for a double"),
        ("math_multiply", #"{"a": 1e200, "b": 1e200}"#, "result is too large for a double"),
        ("math_power", #"{"base": 10, "exponent": 400}"#, "result is too large for a double"),
        ("math_power", #"{"base": -8, "exponent": 0.5}"#, "result is not a real number"),
        ("math_power", #"{"base": 0, "exponent": -1}"#, "$.base: zero cannot be raised to a negative power"),
        ("math_add", #"{"a": 1}"#, "$.b: required argument missing"),
        ("math_add", #"{"a": "1", "b": 2}"#, "$.a: expected a number, found string"),
        ("math_round", #"{"value": 1, "digits": 16}"#, "$.digits: 16 is outside -15...15"),
        ("math_round", #"{"value": 1, "digits": 1.5}"#, "$.digits: expected an integer, found 1.5"),
        ("math_round", #"{"value": 1, "mode": "up"}"#, #"$.mode: "up" is not one of nearest, half_even, floor, ceil, trunc"#),
    ])
    func fails(function: String, arguments: String, expected: String) throws {
        #expect(failure(function, try JSONParser.parse(arguments))?.description == expected)
    }

    @Test func modOfMinByMinusOneDoesNotTrap() throws {
        #expect(try call("math_modulo", ["a": .int(Int64.min), "b": -1]) == 0)
        #expect(try call("math_divide", ["a": .int(Int64.min), "b": -1]).serialized() == "9.223372036854776e+18")
        #expect(try call("math_power", ["base": .int(Int64.min), "exponent": 3]).doubleValue == -7.846377169233351e56)
    }
}
