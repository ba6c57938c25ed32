import Catalog
import Foundation
import Sandbox
import SandboxJSON
import Testing
import Tools

@Suite struct ExecutorTests {
    static let bundled: Catalog = {
        (try? Catalog.load(directory: bundledCatalogDirectory, options: CatalogLoadOptions(patternMatcher: LinearRegexPatternMatcher())))
            ?? Catalog(tools: [])
    }()

    @Test func builtinsRunThroughPlans() async throws {
        let ex = CatalogToolExecutor(catalog: Self.bundled)
        #expect(ex.tools.count == Self.bundled.count)
        let outcome = try await run(
            #"let s = stats_mean(values: [1, 2, 3, 4]); let f = convert_temperature(value: 100, from: "celsius", to: "fahrenheit"); return [s, f];"#, ex)
        let value = try #require(outcome.value, "\(message(outcome))")
        #expect(SandboxJSON.JSONValue.serialize(value) == "[2.5,212]")
        #expect(outcome.trace.count == 2)
        #expect(outcome.trace.allSatisfy { $0.status == .ok })
    }

    @Test func integersStayIntegersWhenTheSchemaSaysSo() async throws {
        let ex = CatalogToolExecutor(catalog: Self.bundled)
        let outcome = try await run(#"return text_word_count(text: "one two three") + 1;"#, ex)  // int + int: an integer result
        #expect(outcome.value.map { if case .int(4) = $0 { true } else { false } } == true, "\(message(outcome))")
        let number = try await run("return math_add(a: 1, b: 2);", ex)  // schema says number: a double
        #expect(number.value.map { if case .double(3) = $0 { true } else { false } } == true)
    }

    @Test func invalidArgumentsNameTheirPath() async throws {
        let ex = CatalogToolExecutor(catalog: Self.bundled)
        let outcome = try await run(#"return stats_mean(values: [1, "two", 3]);"#, ex)
        #expect(message(outcome).contains("$.values[1]"))
        let missing = try await run("return math_divide(a: 1, b: 0);", ex)
        #expect(message(missing).contains("$.b"))
    }

    @Test func httpToolsWithoutAnAdapterFailClearly() async throws {
        let ex = CatalogToolExecutor(catalog: Self.bundled)
        let outcome = try await run(#"return dictionary_define(word: "quiver");"#, ex)
        #expect(message(outcome).contains("HTTP tools are not enabled"))
    }

    @Test func valuesConvertToJSONAndBack() throws {
        let value: Value = .object(["i": .int(3), "d": .double(1.5), "u": .uint(7), "l": .list([.bool(true), .null]), "s": .string("é")])
        let json = try ValueConversion.json(from: value)
        #expect(json.serialized() == #"{"i":3,"d":1.5,"u":7,"l":[true,null],"s":"é"}"#)
        let schema = try JSONSchema.compile(["type": "object", "properties": ["i": ["type": "integer"]]])
        let back = ValueConversion.value(from: json, schema: schema)
        #expect(back["i"].map { if case .int(3) = $0 { true } else { false } } == true)
        #expect(back["u"].map { if case .double(7) = $0 { true } else { false } } == true)
        #expect(throws: ValueConversion.ConversionError.self) { try ValueConversion.json(from: .double(.infinity)) }
        #expect(throws: ValueConversion.ConversionError.self) { try ValueConversion.json(from: .list([.error(EvalError(.tool, "x", line: 1, column: 1))])) }
    }
}
