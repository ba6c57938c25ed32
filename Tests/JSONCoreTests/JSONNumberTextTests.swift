import JSONCore
import Testing

@Suite("JSON numbers")
struct JSONNumberTextTests {
    @Test(arguments: [
        (0.0, "0.0", "0"), (-0.0, "-0.0", "0"), (1.0, "1.0", "1"), (2.5, "2.5", "2.5"), (-3.0, "-3.0", "-3"),
        (1e300, "1e+300", "1e+300"), (1e15, "1000000000000000.0", "1000000000000000.0"), (1e16, "1e+16", "1e+16"), (999_999_999_999_999.0, "999999999999999.0", "999999999999999"),
        (Double.leastNonzeroMagnitude, "5e-324", "5e-324"), (0.1, "0.1", "0.1"),
    ])
    func finiteDoubles(value: Double, shortest: String, integral: String) {
        #expect(JSONNumberText.text(value, style: .shortest) == shortest)
        #expect(JSONNumberText.text(value, style: .integralAsInteger) == integral)
        #expect(Double(shortest) == value, "the text reads back to the same double")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
    func nonFiniteRefused(value: Double) {
        #expect(JSONNumberText.text(value) == nil)
        #expect(JSONNumberText.text(value, style: .integralAsInteger) == nil)
        var out = "x"
        #expect(!JSONNumberText.append(value, to: &out))
        #expect(out == "x", "nothing is appended for a refused number")
    }

    @Test func integers() {
        let cases: [(Int64, String)] = [(0, "0"), (-1, "-1"), (42, "42"), (.max, "9223372036854775807"), (.min, "-9223372036854775808")]
        for (value, text) in cases {
            var bytes: [UInt8] = []
            JSONNumberText.append(integer: value, to: &bytes)
            #expect(bytes == Array(text.utf8))
            var string = ""
            JSONNumberText.append(integer: value, to: &string)
            #expect(string == text)
        }
        var out = ""
        JSONNumberText.append(integer: UInt64.max, to: &out)
        #expect(out == "18446744073709551615")
        out = ""
        JSONNumberText.append(integer: Int8.min, to: &out)
        #expect(out == "-128")
    }

    @Test func writerReplacesNonFinite() {
        var writer = JSONWriter(output: "")
        writer.beginArray()
        writer.double(.nan)
        writer.double(.infinity, nonFinite: "0")
        writer.double(1e300)
        writer.double(-0.0, style: .integralAsInteger)
        writer.endArray()
        #expect(writer.output == "[null,0,1e+300,0]")
    }
}
