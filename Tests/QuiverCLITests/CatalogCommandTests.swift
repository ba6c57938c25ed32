import Foundation
import Testing

/// `quiver catalog check`, `quiver search` and `quiver embed`, run as the real binary.
@Suite struct CatalogCommandTests {
    @Test func catalogCheckAcceptsTheBundledCatalog() async throws {
        let run = try await runQuiver(["catalog", "check", CatalogFixtures.bundled])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("no problems"))
        #expect(run.stdout.contains("content hash"))
    }

    @Test func catalogCheckListsEveryProblemWithFileAndPath() async throws {
        let dir = try CatalogFixtures.broken()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try await runQuiver(["catalog", "check", dir])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("\(dir)/a.json: $.tools[0].name: ") && $0.contains("reserved") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("\(dir)/a.json: $.tools[1].parameters.properties.id.type: ") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("\(dir)/b.json: $.tools[0].name: ") && $0.contains("duplicate") }, "\(run.stdout)")
        #expect(run.stderr.contains("3 problems"))
    }

    @Test func catalogCheckReportsAMissingDirectory() async throws {
        let run = try await runQuiver(["catalog", "check", "/nonexistent/quiver-catalog"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("/nonexistent/quiver-catalog: cannot read the catalog directory"))
    }

    @Test func searchRanksTheBundledCatalogWithBM25WhenNoModel() async throws {
        let data = try CatalogFixtures.temporaryDirectory("quiver-data")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let arguments = [
            "search", "convert 100 degrees fahrenheit to celsius", "-k", "3", "--config", try emptyConfigFile(), "--catalog", CatalogFixtures.bundled,
            "--data-dir", data, "--mode", "auto",
        ]
        let run = try await runQuiver(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let ranked = run.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(ranked.count >= 1 && ranked.count <= 3, "\(run.stdout)")
        #expect(ranked.first?.contains("convert_temperature") == true, "\(run.stdout)")
        #expect(run.stderr.contains("bm25 search"))
        #expect(run.stderr.contains("BM25 only"))
        #expect(run.stderr.contains("scripts/install-model"))

        let json = try await runQuiver(arguments + ["--json"])
        #expect(json.status == 0)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(body["mode"] as? String == "bm25")
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.first?["name"] as? String == "convert_temperature")
        #expect(results.allSatisfy { $0["semantic"] is NSNull })
    }

    @Test func searchRefusesABrokenCatalogAndBadArguments() async throws {
        let dir = try CatalogFixtures.broken()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let broken = try await runQuiver(["search", "weather", "--config", try emptyConfigFile(), "--catalog", dir])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("\(dir)/a.json: $.tools[0].name"))
        let badMode = try await runQuiver(["search", "weather", "--mode", "fuzzy", "--catalog", CatalogFixtures.bundled])
        #expect(badMode.status != 0)
        #expect(badMode.stderr.contains("--mode must be one of auto, bm25, semantic, hybrid"))
        let semantic = try await runQuiver(
            ["search", "weather", "--mode", "semantic", "--config", try emptyConfigFile(), "--catalog", CatalogFixtures.bundled, "--model-dir", "/nonexistent"])
        #expect(semantic.status == 1)
        #expect(semantic.stderr.contains("needs embeddings"))
    }

    @Test func embedPrintsOneUnitVectorPerTextAndReadsStandardInput() async throws {
        let model = try #require(CatalogFixtures.modelDirectory, "all-MiniLM-L6-v2 is not installed: run `bash scripts/install-model` (or set QUIVER_MODEL_DIR)")
        let run = try await runQuiver(["embed", "--model", model, "get the weather in Paris", "send an email"])
        #expect(run.status == 0, "\(run.stderr)")
        let vectors = try Self.vectors(run.stdout)
        try #require(vectors.count == 2)
        #expect(vectors.allSatisfy { $0.count == 384 })
        #expect(vectors.allSatisfy { abs($0.reduce(0) { $0 + $1 * $1 } - 1) < 1e-3 })

        let piped = try await runQuiver(["embed", "--model", model], stdin: "send an email\nget the weather in Paris\nsend an email\n")
        #expect(piped.status == 0, "\(piped.stderr)")
        let fromStdin = try Self.vectors(piped.stdout)
        try #require(fromStdin.count == 3)
        // The same text gives the same vector, whichever way it came in.
        #expect(zip(fromStdin[1], vectors[0]).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(zip(fromStdin[0], fromStdin[2]).allSatisfy { $0 == $1 })
        #expect(zip(fromStdin[0], vectors[1]).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func embedWithoutAModelSaysHowToInstallIt() async throws {
        let run = try await runQuiver(["embed", "--model", "/nonexistent/model", "hello"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent/model"))
        #expect(run.stderr.contains("bash scripts/install-model /nonexistent/model"))
    }

    static func vectors(_ text: String) throws -> [[Double]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Double])
        }
    }
}
