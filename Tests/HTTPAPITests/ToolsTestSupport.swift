import Catalog
import HTTPAPI
import Ranking
import Synchronization

/// Catalogs, embedders and services for the tools and admin route tests.
enum ToolsFixture {
    /// One builtin tool definition as JSON text.
    static func tool(_ name: String, _ description: String, parameters: [String: String] = [:], tags: [String] = []) -> String {
        let properties = parameters.sorted { $0.key < $1.key }.map { #""\#($0.key)": {"type": "string", "description": "\#($0.value)"}"# }
        let tagList = tags.map { #""\#($0)""# }.joined(separator: ", ")
        return #"""
            {"name": "\#(name)", "description": "\#(description)",
             "parameters": {"type": "object", "properties": {\#(properties.joined(separator: ", "))}},
             "tags": [\#(tagList)], "effect": "read", "binding": {"type": "builtin", "function": "\#(name)"}}
            """#
    }

    static let toolsA: [String] = [
        tool("weather_forecast", "Weather forecast for a city: temperature, rain and wind for the next days.", parameters: ["city": "City name."], tags: ["weather"]),
        tool("convert_temperature", "Convert a temperature between Celsius, Fahrenheit and Kelvin.", parameters: ["unit": "Target unit."], tags: ["units"]),
        tool("currency_exchange", "Exchange rate between two currencies, such as euros to dollars.", tags: ["finance"]),
        tool("wikipedia_search", "Search Wikipedia articles and return their summaries.", parameters: ["query": "Words to search for."]),
        tool("send_email", "Send an email message to a recipient with a subject and body.", parameters: ["to": "Recipient address."]),
        tool("stock_quote", "Latest stock price quote for a ticker symbol.", tags: ["finance"]),
        tool("translate_text", "Translate text from one language to another.", parameters: ["text": "Text to translate."]),
        tool("calendar_events", "List calendar events between two dates.", tags: ["calendar"]),
        tool("math_sqrt", "Square root of a number.", tags: ["math"]),
        tool("random_number", "A random number between a minimum and a maximum.", tags: ["math"]),
    ]

    /// Catalog B: catalog A without its last tool, plus two others.
    static let toolsB: [String] = Array(toolsA.dropLast()) + [
        tool("news_headlines", "Top news headlines for a country or topic.", tags: ["news"]),
        tool("geocode_place", "Latitude and longitude of a place name.", tags: ["maps"]),
    ]

    static func catalog(_ tools: [String], file: String = "test/tools.json") throws -> Catalog {
        try Catalog.load(sources: [CatalogSource(name: file, text: #"{"tools": [\#(tools.joined(separator: ",\n"))]}"#)])
    }

    static let bm25Status = EmbedderStatus(kind: .none, note: "BM25 only: no embedding model at /nowhere; install it with `bash scripts/install-model /nowhere`")

    /// A snapshot of `catalog`, BM25 alone unless an embedder is given. `smallCatalog: .never` so that
    /// ten tools are ranked and filtered rather than returned whole.
    static func snapshot(_ catalog: Catalog, embedder: (any Embedder)? = nil) async throws -> ToolCatalogSnapshot {
        let status = embedder.map { EmbedderStatus(kind: .endpoint, modelID: $0.modelID, note: "fake \($0.modelID)") } ?? bm25Status
        var settings = RankingSettings()
        settings.smallCatalog = .never
        return try await ToolCatalogSnapshot.build(
            catalog: catalog, source: "test", embedder: embedder, status: status, cache: nil, settings: settings)
    }

    /// A service serving catalog A (BM25) whose reloads alternate B, A, B, ...
    static func alternatingService(embedder: (any Embedder)? = nil) async throws -> ToolCatalogService {
        let a = try catalog(toolsA)
        let b = try catalog(toolsB)
        let count = Locked(0)
        return ToolCatalogService(snapshot: try await snapshot(a, embedder: embedder)) { _ in
            let n = count.withLock { n -> Int in
                n += 1
                return n
            }
            return try await snapshot(n % 2 == 1 ? b : a, embedder: embedder)
        }
    }
}

/// A deterministic embedder: each word adds 1 to a dimension chosen by its hash, so texts that share
/// words are similar. `failQueries` makes every call after the index is built fail.
final class WordHashEmbedder: Embedder {
    let modelID: String
    let dimensions: Int
    private let calls = Mutex(0)
    private let failAfter: Int?

    init(modelID: String = "word-hash", dimensions: Int = 64, failAfterCalls: Int? = nil) {
        self.modelID = modelID
        self.dimensions = dimensions
        self.failAfter = failAfterCalls
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "the fake embedder is down" }
    }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        let n = calls.withLock { c -> Int in
            c += 1
            return c
        }
        if let failAfter, n > failAfter { throw Failure() }
        return texts.map(vector)
    }

    func vector(_ text: String) -> [Float] {
        var v = [Float](repeating: 0, count: dimensions)
        var word: [UInt8] = []
        func flush() {
            guard !word.isEmpty else { return }
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            v[Int(h % UInt64(dimensions - 1))] += 1
            word.removeAll()
        }
        for byte in text.lowercased().utf8 {
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { word.append(byte) } else { flush() }
        }
        flush()
        v[dimensions - 1] = 0.1
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
}

/// A value behind a lock that escaping closures can share.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R {
        mutex.withLock { body(&$0) }
    }
}
