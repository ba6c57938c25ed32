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

    /// One ranking configuration evaluated over a dataset with one source's vectors.
    static func evaluate(_ ds: Dataset, _ vectors: EmbeddingSource.Vectors, settings: RankingSettings, mode: SearchMode) throws -> [Double] {
        let index = try ToolIndex.build(documents: ds.documents, vectors: vectors.tools, modelID: "all-MiniLM-L6-v2", settings: settings)
        var m = Metrics()
        for (qi, q) in ds.queries.enumerated() {
            let response = try index.search(query: q.text, queryVector: vectors.queries[qi], k: 100, mode: mode)
            m.add(ranked: response.results.map(\.name), relevant: q.relevant)
        }
        return m.averaged
    }

    /// The quality table of every dataset: peers, then Quiver with each embedding source side by side.
    /// The first source is the reference of the agreement check (in-process when a model is given).
    static func run(dataDirectory: String, cacheDirectory: String, datasets: [String], sources: [EmbeddingSource]) async throws {
        guard let primary = sources.first else { throw BenchError("no embedding source") }
        let peers = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(cacheDirectory)/peers-quality.json")))) as? [String: [String: [Double]]]
        let all = variants()
        let d = all[8].settings, exact = all[2].settings, rrf = all[4].settings, weighted = all[5].settings
        var agreementFailures: [String] = []
        for name in datasets {
            let ds = try Dataset.load(directory: "\(dataDirectory)/\(name)", name: name)
            print("\n## \(name): \(ds.documents.count) tools, \(ds.queries.count) queries\n")
            var vectors: [EmbeddingSource.Vectors] = []
            for source in sources {
                let v = try await source.vectors(for: ds, cacheDirectory: cacheDirectory)
                print("- vectors: \(v.note) (load average \(Clock.load()))")
                vectors.append(v)
            }
            print("")
            print(row(["ranker", "R@1", "R@5", "R@10", "nDCG@10", "MRR"]))
            print(row(["---", "---:", "---:", "---:", "---:", "---:"]))
            var best: (String, [Double])?
            for (label, values) in (peers?[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                print(row(["peer: " + label] + values.map(fmt)))
                if best == nil || values[3] > (best?.1[3] ?? 0) { best = (label, values) }
            }
            func line(_ label: String, _ values: [Double]) { print(row([label] + values.map(fmt))) }
            line("Quiver BM25F (default fields)", try evaluate(ds, vectors[0], settings: d, mode: .bm25))
            line("Quiver BM25 per-field sum", try evaluate(ds, vectors[0], settings: all[1].settings, mode: .bm25))
            // Per source: embeddings alone, RRF, weighted, default; kept for the agreement table.
            var alone: [[Double]] = [], fused: [[Double]] = []
            for (s, v) in zip(sources, vectors) { alone.append(try evaluate(ds, v, settings: exact, mode: .semantic)); line("Quiver embeddings alone fp32, \(s.label)", alone.last ?? []) }
            line("Quiver embeddings alone int8+rescore, \(primary.label)", try evaluate(ds, vectors[0], settings: d, mode: .semantic))
            for (s, v) in zip(sources, vectors) { line("Quiver RRF, \(s.label)", try evaluate(ds, v, settings: rrf, mode: .hybrid)) }
            for (s, v) in zip(sources, vectors) { line("Quiver weighted 0.3/0.7, \(s.label)", try evaluate(ds, v, settings: weighted, mode: .hybrid)) }
            line("Quiver adaptive fp32 exact, \(primary.label)", try evaluate(ds, vectors[0], settings: exact, mode: .hybrid))
            line("Quiver adaptive, no threshold, \(primary.label)", try evaluate(ds, vectors[0], settings: all[7].settings, mode: .hybrid))
            for (s, v) in zip(sources, vectors) { fused.append(try evaluate(ds, v, settings: d, mode: .auto)); line("Quiver DEFAULT (adaptive int8), \(s.label)", fused.last ?? []) }

            print("\n" + thresholdNote(ds, vectors[0], settings: d, open: all[7].settings))
            if let best, let defaultRow = fused.first {
                print("best peer by nDCG@10: \(best.0); Quiver default (\(primary.label)) minus best peer: nDCG@10 \(signed(defaultRow[3] - best.1[3])), R@5 \(signed(defaultRow[1] - best.1[1]))")
            }

            // Agreement of the embedding sources: the same rankers, only the vectors differ.
            print("\nEmbedding sources agree? nDCG@10 of the same ranker with each source's vectors, against \(primary.label) (goal |diff| <= 0.005)\n")
            print(row(["source", "cosine to \(primary.label) min / mean", "alone nDCG@10", "diff", "DEFAULT nDCG@10", "diff", "within 0.005"]))
            print(row(["---", "---:", "---:", "---:", "---:", "---:", "---"]))
            for (i, s) in sources.enumerated() {
                let (lo, mean) = cosines(vectors[0], vectors[i])
                let da = alone[i][3] - alone[0][3], df = fused[i][3] - fused[0][3]
                let ok = abs(da) <= 0.005 && abs(df) <= 0.005
                if !ok { agreementFailures.append("\(name) \(s.label)") }
                print(row([s.label, String(format: "%.8f / %.8f", lo, mean), fmt(alone[i][3]), signed(da), fmt(fused[i][3]), signed(df), ok ? "yes" : "NO"]))
            }
        }
        print(agreementFailures.isEmpty
            ? "\nAll embedding sources agree within 0.005 nDCG@10 on every dataset."
            : "\nEmbedding sources DISAGREE (> 0.005 nDCG@10): \(agreementFailures.joined(separator: ", "))")
    }

    /// Min and mean cosine between the rows (tools and queries) of two sources.
    static func cosines(_ a: EmbeddingSource.Vectors, _ b: EmbeddingSource.Vectors) -> (Double, Double) {
        var lo = 1.0, sum = 0.0, n = 0
        for (x, y) in zip(a.tools + a.queries, b.tools + b.queries) {
            var dot = 0.0, nx = 0.0, ny = 0.0
            for (p, q) in zip(x, y) { dot += Double(p) * Double(q); nx += Double(p) * Double(p); ny += Double(q) * Double(q) }
            let c = nx > 0 && ny > 0 ? dot / (nx * ny).squareRoot() : 0
            lo = min(lo, c)
            sum += c
            n += 1
        }
        return (lo, n > 0 ? sum / Double(n) : 0)
    }

    /// What the default minimum-relevance threshold removes from a top-10.
    static func thresholdNote(_ ds: Dataset, _ vectors: EmbeddingSource.Vectors, settings: RankingSettings, open: RankingSettings) -> String {
        do {
            let index = try ToolIndex.build(documents: ds.documents, vectors: vectors.tools, modelID: "all-MiniLM-L6-v2", settings: settings)
            let unfiltered = try ToolIndex.build(documents: ds.documents, vectors: vectors.tools, modelID: "all-MiniLM-L6-v2", settings: open)
            let lexicalIndex = BM25Index(documents: ds.documents, settings: settings.bm25)
            let matrix = try EmbeddingMatrix(vectors: vectors.tools, dimensions: 384, quantize: false)
            var kept = 0, relevantDropped = 0, passing = 0
            for (qi, q) in ds.queries.enumerated() {
                let a = try index.search(query: q.text, queryVector: vectors.queries[qi], k: 10, mode: .auto).results.map(\.name)
                let b = try unfiltered.search(query: q.text, queryVector: vectors.queries[qi], k: 10, mode: .auto).results.map(\.name)
                kept += a.count
                let lex = lexicalIndex.scores(q.text).values
                let cos = matrix.exactScores(vectors.queries[qi])
                passing += zip(lex, cos).filter { $0.0 >= settings.minimumBM25 || $0.1 >= settings.minimumCosine }.count
                relevantDropped += Set(b).subtracting(a).intersection(q.relevant).count
            }
            return String(format: "default threshold (BM25 >= %.1f or cosine >= %.2f): %.2f of 10 results kept on average; %d relevant tools dropped from top-10s over %d queries; %.1f%% of the catalog passes it per query",
                settings.minimumBM25, settings.minimumCosine, Double(kept) / Double(ds.queries.count), relevantDropped, ds.queries.count,
                100 * Double(passing) / Double(ds.queries.count * ds.documents.count))
        } catch {
            return "threshold note failed: \(error)"
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
