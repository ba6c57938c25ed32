import Foundation
import Testing
@testable import Catalog

/// The repository's `catalog/` directory.
let bundledCatalogDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("catalog").path

@Suite struct BundledCatalogTests {
    @Test func loadsClean() throws {
        do {
            let catalog = try Catalog.load(directory: bundledCatalogDirectory)
            #expect(catalog.count >= 50)
        } catch {
            Issue.record("bundled catalog: \(error)")
        }
    }

    @Test func everyToolIsDescribedForRanking() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        for tool in catalog.tools {
            #expect(tool.description.count >= 30, "\(tool.name): description too short")
            #expect(tool.tags.count >= 2, "\(tool.name): needs tags")
            #expect(tool.name == tool.name.lowercased(), "\(tool.name): snake_case")
            for name in tool.parameterNames {
                let description = tool.parameters.properties[name]?.description ?? ""
                #expect(!description.isEmpty, "\(tool.name).\(name): parameter without description")
            }
        }
    }

    @Test func httpToolsTakeTheirBaseURLFromConfig() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        let http = catalog.tools.compactMap { tool -> HTTPBinding? in
            if case .http(let binding) = tool.binding { binding } else { nil }
        }
        #expect(http.count >= 15)
        for binding in http {
            #expect(binding.baseURLConfigKey != nil)
            #expect(binding.defaultBaseURL?.hasPrefix("https://") == true)
        }
    }

    @Test func everyExampleValidates() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        let examples = catalog.tools.flatMap { tool in tool.examples.map { (tool, $0) } }
        #expect(!examples.isEmpty)
        for (tool, example) in examples {
            #expect(throws: Never.self) { try tool.validateArguments(example.arguments) }
        }
    }
}

@Suite struct SignatureTests {
    @Test func rendersSignatures() throws {
        let catalog = try Catalog.load(directory: bundledCatalogDirectory)
        #expect(catalog["math_round"]?.signature
            == #"math_round(value: number, digits?: integer = 0, mode?: "nearest"|"half_even"|"floor"|"ceil"|"trunc" = "nearest") -> number"#)
        #expect(catalog["stats_sum"]?.signature == "stats_sum(values: [number]) -> number")
        #expect(catalog["geocode_place"]?.signature == "geocode_place(name: string, count?: integer = 5, language?: string = \"en\")")
        #expect(catalog["json_pick"]?.parameterDescriptions.map(\.name) == ["value", "path", "default"])
    }
}
