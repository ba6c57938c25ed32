import ArgumentParser
import Catalog
import HTTPAPI
import Logging
import Ranking

/// `quiver search "QUERY" [-k N] [--mode M] [--json]`: ranks the catalog's tools as the server would
/// (same catalog, embedder choice, cache and settings) and prints them best first.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Rank the catalog's tools for a query, as POST /v1/tools/search does.",
        discussion: ConfigOptions.flagHelp
    )

    @Argument(help: "The query, in plain words.")
    var query: String

    @Option(name: .short, help: "How many tools to print (default: ranking.k_default).")
    var k: Int?

    @Option(help: "auto, bm25, semantic or hybrid.")
    var mode: String = "auto"

    @Flag(help: "Print the JSON body POST /v1/tools/search would answer.")
    var json = false

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard SearchMode(rawValue: mode) != nil else {
            throw ValidationError("--mode must be one of \(SearchMode.allCases.map(\.rawValue).joined(separator: ", ")), got '\(mode)'")
        }
        if let k, k < 1 { throw ValidationError("-k must be at least 1, got \(k)") }
    }

    func run() async throws {
        let config = try options.load()
        LogBootstrap.bootstrap(format: config[ConfigKeys.logFormat], level: .warning)
        let logger = Logger(label: "quiver.search")
        let loader = ToolIndexLoader(configuration: config, logger: logger)
        let catalog: Catalog
        do {
            catalog = try loader.loadCatalog()
        } catch {
            FileHandleOutput.stderr("quiver: \(error.description)\n")
            throw ExitCode(2)
        }
        let searchMode = SearchMode(rawValue: mode) ?? .auto
        let snapshot: ToolCatalogSnapshot
        let response: SearchResponse
        let count = k ?? min(config[ConfigKeys.defaultK], config[ConfigKeys.maximumK])
        do {
            snapshot = try await loader.buildSnapshot(catalog: catalog, current: nil)
            if searchMode == .semantic, snapshot.index.embeddings == nil {
                FileHandleOutput.stderr("quiver: --mode semantic needs embeddings; \(snapshot.embedder.note)\n")
                throw ExitCode(1)
            }
            response = try await snapshot.ranker.search(query: query, k: count, mode: searchMode)
        } catch let error as RankingError {
            FileHandleOutput.stderr("quiver: \(error.description)\n")
            throw ExitCode(1)
        }
        let body = ToolSearchResponse(response: response, snapshot: snapshot, k: count)
        if json {
            print(String(decoding: try JSONCoding.encode(body), as: UTF8.self))
            return
        }
        FileHandleOutput.stderr("\(response.mode.rawValue) search over \(snapshot.summary)\n")
        if body.results.isEmpty { FileHandleOutput.stderr("no tool passes the relevance threshold\n") }
        for (rank, hit) in body.results.enumerated() {
            let semantic = hit.semantic.map { " semantic=" + Self.format($0) } ?? ""
            print("\(rank + 1). \(hit.name)  score=\(Self.format(hit.score)) bm25=\(Self.format(hit.bm25))\(semantic)")
            print("   \(hit.signature)")
            print("   \(Self.firstSentence(hit.description))")
        }
    }

    static func format(_ value: Float) -> String {
        let scaled = (Double(value) * 1000).rounded() / 1000
        return String(scaled)
    }

    /// The description up to its first full stop, at most 160 characters.
    static func firstSentence(_ text: String) -> String {
        let sentence = text.prefix(160)
        var previous: Character?
        for index in sentence.indices {
            if previous == ".", sentence[index] == " " { return String(sentence[..<index]) }
            previous = sentence[index]
        }
        return String(sentence)
    }
}
