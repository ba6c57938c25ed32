import Foundation
import Ranking

/// Latency, build time, ready time and memory on the synthesised catalogs, with the Python peer
/// (CACHE/peers-speed.json) side by side.
enum Speed {
    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return 0 }
        return s[min(s.count - 1, Int((p / 100 * Double(s.count - 1)).rounded()))]
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// CPU time of this process: on a shared, loaded machine a better measure of single-threaded work than wall time.
    static func cpu() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func rssMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kb = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
            return kb / 1024
        }
        return 0
    }

    /// Serves precomputed vectors by text, as a warm cache would have them; counts calls.
    final class TableEmbedder: Embedder, @unchecked Sendable {
        let modelID = "all-MiniLM-L6-v2/synth"
        let dimensions = 384
        let table: [String: [Float]]
        var calls = 0
        init(texts: [String], vectors: [[Float]]) {
            var t: [String: [Float]] = [:]
            for (s, v) in zip(texts, vectors) { t[s] = v }
            table = t
        }
        func embed(_ texts: [String]) async throws -> [[Float]] {
            calls += texts.count
            return texts.map { table[$0] ?? [Float](repeating: 0.05, count: 384) }
        }
    }

    static func run(cacheDirectory: String, sizes: [Int] = [1000, 10000, 100000]) async throws {
        let synth = "\(cacheDirectory)/synth"
        let queryTexts = try String(contentsOfFile: "\(synth)/queries.jsonl", encoding: .utf8).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed)) as? String
        }
        let queryVectors = try VectorFile.read("\(synth)/queries.f32", count: queryTexts.count)
        let peers = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(cacheDirectory)/peers-speed.json")))) as? [String: [String: Any]]
        print("\n## Speed: \(queryTexts.count) Seal-Tools queries, top-10, query embedding excluded; OpenBLAS, \(ProcessInfo.processInfo.activeProcessorCount) cores\n")
        print("| tools | what | Quiver p50 ms | Quiver p99 ms | Quiver CPU p50 ms | peer p50 ms | peer p99 ms | peer CPU p50 ms | peer/Quiver p50 | peer/Quiver CPU p50 |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        var notes: [String] = []
        for n in sizes {
            let catalogData = try Data(contentsOf: URL(fileURLWithPath: "\(synth)/\(n)/catalog.json"))
            guard let tools = try JSONSerialization.jsonObject(with: catalogData) as? [[String: Any]] else { throw BenchError("bad synth catalog") }
            let docs = tools.map(Dataset.document)
            let vectors = try VectorFile.read("\(synth)/\(n)/tools.f32", count: n)
            var settings = RankingSettings()
            settings.smallCatalog = .never
            let t0 = now()
            let bm25 = BM25Index(documents: docs, settings: settings.bm25)
            let bm25Build = now() - t0
            let index = try ToolIndex.build(documents: docs, vectors: vectors, modelID: "synth", settings: settings)
            var exactSettings = settings
            exactSettings.quantize = false
            let exact = try ToolIndex.build(documents: docs, vectors: vectors, modelID: "synth", settings: exactSettings)
            guard let matrix = exact.embeddings else { throw BenchError("no matrix") }
            var cpuTimes: [[Double]] = []
            func measure(_ body: (Int) throws -> Void) rethrows -> [Double] {
                for i in 0..<queryTexts.count { try body(i) }  // warm-up
                var out: [Double] = []
                var cpuOut: [Double] = []
                for i in 0..<queryTexts.count {
                    let c = cpu()
                    let t = now()
                    try body(i)
                    out.append((now() - t) * 1000)
                    cpuOut.append((cpu() - c) * 1000)
                }
                cpuTimes.append(cpuOut)
                return out
            }
            let lBM25 = try measure { i in _ = try index.search(query: queryTexts[i], queryVector: nil, k: 10, mode: .bm25) }
            let lSem = try measure { i in _ = try index.search(query: queryTexts[i], queryVector: queryVectors[i], k: 10, mode: .semantic) }
            let lFused = try measure { i in _ = try index.search(query: queryTexts[i], queryVector: queryVectors[i], k: 10, mode: .hybrid) }
            let lFusedExact = try measure { i in _ = try exact.search(query: queryTexts[i], queryVector: queryVectors[i], k: 10, mode: .hybrid) }
            let lGemv = measure { i in _ = matrix.exactScores(queryVectors[i]) }
            let peer = peers?["\(n)"]
            func peerValue(_ key: String, _ p: String) -> Double? { (peer?[key] as? [String: Any])?[p] as? Double }
            func line(_ what: String, _ xs: [Double], _ cpuXs: [Double], _ peerKey: String?) {
                let p50 = percentile(xs, 50)
                let c50 = percentile(cpuXs, 50)
                let pp50 = peerKey.flatMap { peerValue($0, "p50_ms") }
                let pp99 = peerKey.flatMap { peerValue($0, "p99_ms") }
                let pc50 = peerKey.flatMap { peerValue($0, "cpu_p50_ms") }
                let ratio = pp50.map { String(format: "%.1fx", $0 / p50) } ?? ""
                let cpuRatio = pc50.map { String(format: "%.1fx", $0 / max(c50, 1e-6)) } ?? ""
                print("| \(n) | \(what) | \(f3(p50)) | \(f3(percentile(xs, 99))) | \(f3(c50)) | \(pp50.map(f3) ?? "") | \(pp99.map(f3) ?? "") | \(pc50.map(f3) ?? "") | \(ratio) | \(cpuRatio) |")
            }
            line("BM25 (peer: bm25s)", lBM25, cpuTimes[0], "bm25")
            line("similarity int8+rescore (peer: numpy dot)", lSem, cpuTimes[1], "dot")
            line("fused, default (peer: bm25s + dot + 0.3/0.7)", lFused, cpuTimes[2], "fused")
            line("fused, fp32 sgemv path", lFusedExact, cpuTimes[3], "fused")
            line("cblas_sgemv alone, fp32", lGemv, cpuTimes[4], nil)
            let ratio100 = percentile(lFused, 50) / percentile(lGemv, 50)
            let ratioCPU = percentile(cpuTimes[2], 50) / percentile(cpuTimes[4], 50)
            var note = String(format: "%d tools: BM25 index build %.1f ms (bm25s %.1f ms); fused / sgemv-alone p50 = %.2f (CPU %.2f); RSS %.0f MB",
                n, bm25Build * 1000, ((peer?["build_s"] as? Double) ?? 0) * 1000, ratio100, ratioCPU, rssMB())
            if let prss = peer?["rss_mb"] as? Double { note += String(format: " (peer max RSS %.0f MB)", prss) }
            notes.append(note)
            if n == 10000 { notes.append(try await ready(docs: docs, vectors: vectors, cacheDirectory: cacheDirectory)) }
            _ = bm25.count
        }
        print("")
        for n in notes { print("- " + n) }
    }

    /// Start-to-ready with a warm cache: BM25 build + cache file mapped and checked + int8 copy.
    static func ready(docs: [RankingDocument], vectors: [[Float]], cacheDirectory: String) async throws -> String {
        let dir = "\(cacheDirectory)/ready"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let embedder = TableEmbedder(texts: docs.map(\.embeddingText), vectors: vectors)
        let cache = EmbeddingCache(directory: dir, catalogName: "synth10k")
        _ = try await ToolIndex.build(documents: docs, embedder: embedder, cache: cache)  // warms the file
        embedder.calls = 0
        var times: [Double] = []
        var cpuTimes: [Double] = []
        var status = ""
        for _ in 0..<5 {
            let t = now()
            let c = cpu()
            let index = try await ToolIndex.build(documents: docs, embedder: embedder, cache: cache)
            times.append(now() - t)
            cpuTimes.append(cpu() - c)
            status = index.cacheReport?.status.rawValue ?? "?"
        }
        var t = now()
        _ = BM25Index(documents: docs)
        let tBM25 = now() - t
        t = now()
        let texts = docs.map(\.embeddingText)
        let tTexts = now() - t
        t = now()
        _ = try await cache.embeddings(for: texts, embedder: embedder)
        let tCache = now() - t
        return String(format: "ready at 10k tools with a warm cache: %.0f ms wall, %.0f ms CPU, median of 5 (cache %@, %d texts embedded); parts (wall): BM25 %.0f ms, embedding texts %.0f ms, cache map+check+int8 %.0f ms",
            percentile(times, 50) * 1000, percentile(cpuTimes, 50) * 1000, status, embedder.calls, tBM25 * 1000, tTexts * 1000, tCache * 1000)
    }

    static func f3(_ x: Double) -> String { String(format: "%.3f", x) }
}
