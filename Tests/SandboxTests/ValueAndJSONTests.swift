import Testing

@testable import Sandbox
import SandboxJSON

@Suite("Values and JSON")
struct ValueAndJSONTests {
    func eval(_ src: String, _ bindings: [String: Value] = [:]) throws -> Value {
        try Program.compile(expression: src).evaluate(bindings: bindings)
    }

    @Test("strings are code points, compared without normalisation")
    func codePoints() throws {
        #expect(Value.celEqual(try eval("size('e\u{301}')"), .int(2)))
        #expect(Value.celEqual(try eval("'\u{e9}' == 'e\u{301}'"), .bool(false)))
        #expect(Value.celEqual(try eval("'🐱x'.substring(1)"), .string("x")))
        #expect(Value.celEqual(try eval("'b' > 'a\u{10FFFF}'"), .bool(true)))
    }

    @Test("map keys compare numerically across int, uint and double; order is insertion order")
    func mapKeys() throws {
        #expect(Value.celEqual(try eval("{1: 'a', 2u: 'b'}[2.0]"), .string("b")))
        #expect(throws: SandboxError.self) { _ = try eval("{1: 'a', 1u: 'b'}") }
        let m = try eval("{'z': 1, 'a': 2, 'm': 3}")
        #expect(JSONValue.serialize(m) == #"{"z":1,"a":2,"m":3}"#)
    }

    @Test("overflow and conversions are errors, never traps")
    func noTraps() {
        for src in [
            "9223372036854775807 + 1", "-9223372036854775808 - 1", "-9223372036854775808 / -1", "-9223372036854775808 % -1",
            "5 % 0", "int(1e19)", "int(-9223372036854775809.0)", "uint(-1)", "18446744073709551615u + 1u", "0u - 1u",
            "-(-9223372036854775808)", "int(double('nan'))",
        ] {
            #expect(throws: SandboxError.self, "\(src)") { _ = try eval(src) }
        }
    }

    @Test("string(double) uses CEL's formatting")
    func doubleFormatting() throws {
        let cases: [(String, String)] = [
            ("string(-4.5e-3)", "-0.0045"), ("string(123.456)", "123.456"), ("string(1.0)", "1"), ("string(1e21)", "1e+21"),
            ("string(1e20)", "100000000000000000000"), ("string(1.5e-7)", "1.5e-07"), ("string(0.0001)", "0.0001"),
        ]
        for (src, want) in cases { #expect(Value.celEqual(try eval(src), .string(want)), "\(src)") }
    }

    @Test("JSON round trip, numbers as double unless integers are asked for")
    func json() throws {
        let text = #"{"a":[1,2.5,"x\n\u00e9\ud83d\ude00",true,null],"b":{"c":-3}}"#
        let d = try JSONValue.parse(text)
        if case .list(let xs)? = d["a"] { #expect(xs.first.map { Value.celEqual($0, .double(1)) } == true && xs[0].type == .double) }
        let i = try JSONValue.parse(text, numbers: .integralAsInt)
        #expect(i["b"]?["c"].map { $0.type } == .int)
        #expect(JSONValue.serialize(i) == #"{"a":[1,2.5,"x\n\#u{e9}😀",true,null],"b":{"c":-3}}"#)
        #expect(JSONValue.serialize(.bytes([0, 255])) == #""AP8=""#)
    }

    @Test("bad JSON gives positioned errors, deep nesting is refused, nothing traps")
    func badJSON() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "\"\\ud800\"", "01x", "[1] 2", "tru", "\"a\u{1}\"", "-", "1e", "{\"a\":}"] {
            #expect(throws: SandboxError.self, "\(bad)") { _ = try JSONValue.parse(bad) }
        }
        #expect {
            _ = try JSONValue.parse(String(repeating: "[", count: 100_000))
        } throws: { e in (e as? SandboxError)?.message.contains("nested deeper") == true }
        #expect {
            _ = try JSONValue.parse("{\n  \"a\": tru\n}")
        } throws: { e in (e as? SandboxError)?.short.hasPrefix("2:8:") == true }
    }

    @Test("bindings from JSON")
    func bindings() throws {
        let b = try JSONValue.bindings(fromJSON: #"{"xs": [1, 2, 3], "name": "q"}"#)
        #expect(Value.celEqual(try eval("xs.map(x, x * 2).filter(y, y > 2).size() == 2 && name == 'q'", b), .bool(true)))
    }

    @Test("cancelling the caller's task stops a run with a cancelled error, not a deadline")
    func cancellation() async throws {
        let tools = FakeTools([FakeTools.sleeper("slow", ms: 10_000)])
        let plan = try Plan.parse(source: "return slow(x: 1);")
        let task = Task { await PlanRunner.run(plan: plan, executor: tools) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let o = await task.value
        #expect(o.error?.kind == .cancelled)
    }
}

@Suite("Value layout")
struct ValueLayoutTests {
    @Test("a value is at most three words, so copies in the hot loop stay cheap")
    func size() {
        #expect(MemoryLayout<Value>.stride <= 24)
        #expect(MemoryLayout<MapValue>.size == 8)
    }
}

@Suite("Program API")
struct ProgramAPITests {
    @Test("variables are listed; a missing binding is an error at its first use")
    func variables() throws {
        let p = try Program.compile(expression: "a + b * a")
        #expect(p.variables == ["a", "b"])
        #expect(Value.celEqual(try p.evaluate(bindings: ["a": .int(2), "b": .int(3)]), .int(8)))
        #expect {
            _ = try p.evaluate(bindings: ["a": .int(1)])
        } throws: { e in (e as? SandboxError)?.short == "1:5: undeclared reference to 'b'" }
        #expect(try p.evaluateAllowingErrors(bindings: [:]).isError)
    }
}
