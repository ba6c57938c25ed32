import Catalog
import Testing
@testable import Tools

@Suite struct PatternMatcherTests {
    @Test func bundledCatalogPatternsCompile() throws {
        let options = CatalogLoadOptions(patternMatcher: LinearRegexPatternMatcher())
        #expect(throws: Never.self) { try Catalog.load(directory: bundledCatalogDirectory, options: options) }
    }

    @Test func badPatternIsALoadIssue() {
        let text = #"""
            {"tools": [{"name": "t", "description": "d", "effect": "read", "binding": {"type": "builtin", "function": "t"},
              "parameters": {"type": "object", "properties": {"code": {"type": "string", "pattern": "([A-Z]"}}}}]}
            """#
        do {
            _ = try Catalog.load(sources: [CatalogSource(name: "p.json", text: text)], options: CatalogLoadOptions(patternMatcher: LinearRegexPatternMatcher()))
            Issue.record("expected a pattern issue")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.description.hasPrefix("p.json: $.tools[0].parameters.properties.code.pattern: invalid pattern \"([A-Z]\"") == true)
        }
    }

    @Test func argumentPatternsAreCheckedInLinearTime() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        let tool = try #require(catalog["currency_convert"])
        let options = SchemaValidationOptions(patternMatcher: LinearRegexPatternMatcher())
        #expect(throws: Never.self) { try tool.validateArguments(["amount": 10, "from": "USD", "to": "EUR"], options: options) }
        do {
            _ = try tool.validateArguments(["amount": 10, "from": "usd", "to": "EUR"], options: options)
            Issue.record("expected a pattern mismatch")
        } catch {
            #expect(error.issues.map(\.description) == [#"$.from: "usd" does not match pattern "^[A-Z]{3}$""#])
        }
    }
}
