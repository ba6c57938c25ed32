import Foundation
import Ranking

/// `RetrievalBench profile-build CACHE N`: builds the BM25 index of the synthesised catalog ten times (for perf).
enum Profile {
    static func build(cacheDirectory: String, n: Int) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(cacheDirectory)/synth/\(n)/catalog.json"))
        guard let tools = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return }
        let docs = tools.map(Dataset.document)
        for _ in 0..<10 {
            let t = Speed.now()
            let index = BM25Index(documents: docs)
            print(String(format: "BM25 build %.0f ms, %d terms", (Speed.now() - t) * 1000, index.vocabularySize))
        }
    }
}

extension Profile {
    /// `RetrievalBench profile-query CACHE N`: repeats fused top-10 searches (for perf).
    static func query(cacheDirectory: String, n: Int) throws {
        let synth = "\(cacheDirectory)/synth"
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(synth)/\(n)/catalog.json"))
        guard let tools = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return }
        let docs = tools.map(Dataset.document)
        let vectors = try VectorFile.read("\(synth)/\(n)/tools.f32", count: n)
        let texts = try String(contentsOfFile: "\(synth)/queries.jsonl", encoding: .utf8).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed)) as? String
        }
        let qv = try VectorFile.read("\(synth)/queries.f32", count: texts.count)
        var settings = RankingSettings()
        settings.smallCatalog = .never
        let index = try ToolIndex.build(documents: docs, vectors: vectors, modelID: "synth", settings: settings)
        let t = Speed.now()
        var total = 0
        for r in 0..<10 {
            for i in texts.indices { total += try index.search(query: texts[i], queryVector: qv[i], k: 10, mode: .hybrid).results.count + r * 0 }
        }
        print(String(format: "%.3f ms per fused query", (Speed.now() - t) * 1000 / Double(10 * texts.count)), total)
    }
}

extension Profile {
    /// `RetrievalBench profile-stages CACHE N`: time of each stage of a semantic search, and CPU time.
    static func stages(cacheDirectory: String, n: Int) throws {
        let synth = "\(cacheDirectory)/synth"
        let vectors = try VectorFile.read("\(synth)/\(n)/tools.f32", count: n)
        let qv = try VectorFile.read("\(synth)/queries.f32", count: 200)
        let m = try EmbeddingMatrix(vectors: vectors, dimensions: 384)
        func time(_ label: String, _ body: (Int) -> Void) {
            for i in 0..<200 { body(i) }
            let t = Speed.now()
            let c = Speed.cpu()
            for r in 0..<5 { for i in 0..<200 { body(i + r * 0) } }
            print(String(format: "%@: %.4f ms wall, %.4f ms CPU per query", label, (Speed.now() - t) * 1000 / 1000, (Speed.cpu() - c) * 1000 / 1000))
        }
        time("int8 approximate scores") { i in _ = m.approximateScores(qv[i]) }
        time("fp32 sgemv") { i in _ = m.exactScores(qv[i]) }
        let approx = m.approximateScores(qv[0])
        time("top-64 scan") { _ in
            var top = TopK(k: 64)
            approx.withUnsafeBufferPointer { top.insert(scores: $0) }
        }
        time("semantic search k=10") { i in _ = m.search(qv[i], k: 10) }
    }
}
