import Foundation
import Ranking

/// Quality table: Quiver's rankers and the Python peers (from peers.json) side by side.
enum Quality {
    struct Variant {
        var label: String
        var mode: SearchMode
        var settings: RankingSettings
    }

    static func variants() -> [Variant] {
        let d = RankingSettings()
        var exact = d
        exact.quantize = false
        var perField = d
        perField.bm25.combination = .perField
        var rrf = d
        rrf.fusion.method = .reciprocalRank
        var weighted = d
        weighted.fusion.method = .weighted
        var noThreshold = d
        noThreshold.minimumBM25 = 0
        noThreshold.minimumCosine = -1
        return [
            Variant(label: "Quiver BM25F (default fields)", mode: .bm25, settings: d),
            Variant(label: "Quiver BM25 per-field sum", mode: .bm25, settings: perField),
            Variant(label: "Quiver embeddings fp32 exact", mode: .semantic, settings: exact),
            Variant(label: "Quiver embeddings int8+rescore", mode: .semantic, settings: d),
            Variant(label: "Quiver RRF", mode: .hybrid, settings: rrf),
            Variant(label: "Quiver weighted 0.3/0.7", mode: .hybrid, settings: weighted),
            Variant(label: "Quiver adaptive fp32 exact", mode: .hybrid, settings: exact),
            Variant(label: "Quiver adaptive, no threshold", mode: .hybrid, settings: noThreshold),
            Variant(label: "Quiver DEFAULT (adaptive int8)", mode: .auto, settings: d),
        ]
    }

    static func run(dataDirectory: String, cacheDirectory: String, datasets: [String]) throws {
        let peers = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(cacheDirectory)/peers-quality.json")))) as? [String: [String: [Double]]]
        for name in datasets {
            let ds = try Dataset.load(directory: "\(dataDirectory)/\(name)", name: name)
            let toolVectors = try VectorFile.read("\(cacheDirectory)/\(name)/quiver-tools.f32", count: ds.documents.count)
            let queryVectors = try VectorFile.read("\(cacheDirectory)/\(name)/queries.f32", count: ds.queries.count)
            print("\n## \(name): \(ds.documents.count) tools, \(ds.queries.count) queries\n")
            print(row(["ranker", "R@1", "R@5", "R@10", "nDCG@10", "MRR"]))
            print(row(["---", "---:", "---:", "---:", "---:", "---:"]))
            var best: (String, [Double])?
            for (label, values) in (peers?[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                print(row(["peer: " + label] + values.map(fmt)))
                if best == nil || values[3] > (best?.1[3] ?? 0) { best = (label, values) }
            }
            var defaultRow: [Double] = []
            var thresholdNote = ""
            for v in variants() {
                let index = try ToolIndex.build(documents: ds.documents, vectors: toolVectors, modelID: "all-MiniLM-L6-v2", settings: v.settings)
                var m = Metrics()
                for (qi, q) in ds.queries.enumerated() {
                    let response = try index.search(query: q.text, queryVector: queryVectors[qi], k: 100, mode: v.mode)
                    m.add(ranked: response.results.map(\.name), relevant: q.relevant)
                }
                print(row([v.label] + m.averaged.map(fmt)))
                if v.mode == .auto {
                    defaultRow = m.averaged
                    // What the default minimum-relevance threshold removes from a top-10.
                    var kept = 0
                    var relevantDropped = 0
                    var passing = 0
                    let lexicalIndex = BM25Index(documents: ds.documents, settings: v.settings.bm25)
                    let matrix = try EmbeddingMatrix(vectors: toolVectors, dimensions: 384, quantize: false)
                    let open = try ToolIndex.build(documents: ds.documents, vectors: toolVectors, modelID: "all-MiniLM-L6-v2", settings: variants()[7].settings)
                    for (qi, q) in ds.queries.enumerated() {
                        let a = try index.search(query: q.text, queryVector: queryVectors[qi], k: 10, mode: .auto).results.map(\.name)
                        let b = try open.search(query: q.text, queryVector: queryVectors[qi], k: 10, mode: .auto).results.map(\.name)
                        kept += a.count
                        let lex = lexicalIndex.scores(q.text).values
                        let cos = matrix.exactScores(queryVectors[qi])
                        passing += zip(lex, cos).filter { $0.0 >= v.settings.minimumBM25 || $0.1 >= v.settings.minimumCosine }.count
                        relevantDropped += Set(b).subtracting(a).intersection(q.relevant).count
                    }
                    thresholdNote = String(format: "default threshold (BM25 >= %.1f or cosine >= %.2f): %.2f of 10 results kept on average; %d relevant tools dropped from top-10s over %d queries; %.1f%% of the catalog passes it per query",
                        v.settings.minimumBM25, v.settings.minimumCosine, Double(kept) / Double(ds.queries.count), relevantDropped, ds.queries.count,
                        100 * Double(passing) / Double(ds.queries.count * ds.documents.count))
                }
            }
            if let best, !defaultRow.isEmpty {
                let ndcg = defaultRow[3] - best.1[3]
                let r5 = defaultRow[1] - best.1[1]
                print("\n" + thresholdNote)
                print("best peer by nDCG@10: \(best.0); Quiver default minus best peer: nDCG@10 \(signed(ndcg)), R@5 \(signed(r5))")
            }
        }
    }

    static func fmt(_ x: Double) -> String { String(format: "%.4f", x) }
    static func signed(_ x: Double) -> String { String(format: "%+.4f", x) }
    static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

    /// Dense BM25 scores (queries x tools, float32) for offline fusion experiments.
    static func dumpScores(dataDirectory: String, cacheDirectory: String, datasets: [String]) throws {
        for name in datasets {
            let ds = try Dataset.load(directory: "\(dataDirectory)/\(name)", name: name)
            let index = BM25Index(documents: ds.documents)
            var out = Data()
            var ceilings = Data()
            for q in ds.queries {
                let c: [Float] = [index.knownShare(q.text), 1]  // known share, as ceiling.f32 (share, 1)
                c.withUnsafeBytes { ceilings.append(contentsOf: $0) }
                let s = index.scores(q.text).values
                s.withUnsafeBytes { out.append(contentsOf: $0) }
            }
            try out.write(to: URL(fileURLWithPath: "\(cacheDirectory)/\(name)/bm25.f32"))
            try ceilings.write(to: URL(fileURLWithPath: "\(cacheDirectory)/\(name)/ceiling.f32"))
            print("\(name): bm25 scores \(ds.queries.count)x\(ds.documents.count)")
        }
    }
}
