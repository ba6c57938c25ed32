import Testing

@testable import Sandbox

@Suite("CEL conformance")
struct ConformanceTests {
    @Test("all 992 core cases pass")
    func core() throws {
        var passed = 0, total = 0
        var failures: [String] = []
        for file in Conformance.coreFiles {
            let cases = try Conformance.load(file + ".json")
            var ok = 0
            for c in cases {
                if let why = Conformance.run(c) {
                    failures.append("\(file)/\(c.section)/\(c.name): \(c.expr) -> \(why)")
                } else {
                    ok += 1
                }
            }
            print("cel-conformance \(file): \(ok)/\(cases.count)")
            passed += ok
            total += cases.count
        }
        for f in failures.prefix(200) { print("FAIL \(f)") }
        print("cel-conformance: \(passed)/\(total)")
        #expect(total == 992)
        #expect(passed == total)
    }

    @Test("string_ext: split, join, lowerAscii, upperAscii, replace, trim, substring, indexOf, charAt, reverse")
    func stringExt() throws {
        let sections: Set<String> = [
            "split", "join", "ascii_casing", "replace", "trim", "substring", "index_of", "last_index_of", "char_at",
            "reverse", "value_errors", "type_errors",
        ]
        let cases = try Conformance.load("optional/string_ext.json").filter {
            sections.contains($0.section) && $0.requires == ["ext:strings"]
        }
        var failures: [String] = []
        for c in cases { if let why = Conformance.run(c) { failures.append("\(c.section)/\(c.name): \(c.expr) -> \(why)") } }
        for f in failures { print("FAIL string_ext \(f)") }
        print("cel-conformance string_ext: \(cases.count - failures.count)/\(cases.count)")
        #expect(cases.count > 80)
        #expect(failures.isEmpty)
    }

    @Test("math_ext: math.greatest, math.least, abs, ceil, floor, round, trunc, sign, isNaN, isInf, isFinite")
    func mathExt() throws {
        let others: Set<String> = ["abs", "ceil", "floor", "round", "trunc", "sign", "isNaN", "isInf", "isFinite"]
        let cases = try Conformance.load("optional/math_ext.json").filter {
            $0.section.hasPrefix("greatest") || $0.section.hasPrefix("least") || others.contains($0.section)
        }
        var failures: [String] = []
        for c in cases { if let why = Conformance.run(c) { failures.append("\(c.section)/\(c.name): \(c.expr) -> \(why)") } }
        for f in failures { print("FAIL math_ext \(f)") }
        print("cel-conformance math_ext: \(cases.count - failures.count)/\(cases.count)")
        #expect(cases.count == 164)
        #expect(failures.isEmpty)
    }

    @Test("bindings_ext: cel.bind")
    func bindingsExt() throws {
        let cases = try Conformance.load("optional/bindings_ext.json").filter { $0.requires == ["ext:bindings"] }
        var failures: [String] = []
        for c in cases { if let why = Conformance.run(c) { failures.append("\(c.section)/\(c.name): \(c.expr) -> \(why)") } }
        for f in failures { print("FAIL bindings_ext \(f)") }
        print("cel-conformance bindings_ext: \(cases.count - failures.count)/\(cases.count)")
        #expect(cases.count == 6)
        #expect(failures.isEmpty)
    }
}
