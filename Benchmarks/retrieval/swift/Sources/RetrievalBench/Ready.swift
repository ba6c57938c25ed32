import Foundation
import Ranking

/// `RetrievalBench ready CACHE N`: in a fresh process, start-to-ready with the warm embedding cache
/// written by `speed` (N = 10000): catalog JSON read, BM25 built, cache mapped and checked, int8 copy made.
/// The embedder refuses to run, so a cold or corrupt cache would show as an error.
enum Ready {
    struct WarmOnly: Embedder {
        let modelID = "all-MiniLM-L6-v2/synth"
        let dimensions = 384
        func embed(_ texts: [String]) async throws -> [[Float]] { throw BenchError("cache is not warm: \(texts.count) texts to embed") }
    }

    static func run(cacheDirectory: String, n: Int) async throws {
        let t0 = Speed.now()
        let c0 = Speed.cpu()
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(cacheDirectory)/synth/\(n)/catalog.json"))
        guard let tools = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { throw BenchError("bad catalog") }
        let docs = tools.map(Dataset.document)
        let t1 = Speed.now()
        let c1 = Speed.cpu()
        let rssBefore = Speed.rssMB()
        let index = try await ToolIndex.build(
            documents: docs, embedder: WarmOnly(), cache: EmbeddingCache(directory: "\(cacheDirectory)/ready", catalogName: "synth10k"))
        let t2 = Speed.now()
        let c2 = Speed.cpu()
        let r = try index.search(query: "weather forecast for a city", queryVector: [Float](repeating: 0.051, count: 384), k: 10, mode: .hybrid)
        print(String(format: "ready (fresh process, %d tools, warm cache %@): %.0f ms wall (catalog JSON %.0f ms, index %.0f ms), CPU %.0f ms (index %.0f ms); RSS %.0f MB after, index adds %.0f MB; first search returned %d",
            n, index.cacheReport?.status.rawValue ?? "-", (t2 - t0) * 1000, (t1 - t0) * 1000, (t2 - t1) * 1000, (c2 - c0) * 1000, (c2 - c1) * 1000,
            Speed.rssMB(), Speed.rssMB() - rssBefore, r.results.count))
    }
}
