import Foundation
import Ranking

/// `RetrievalBench throughput DATA N --model DIR --endpoint URL`: catalog embedding throughput, cold (no cache),
/// in-process encoder against the endpoint, on the same N Seal-Tools tool texts, each sent in calls of 64 texts
/// as the Ranking cache sends them. CPU time counts this process and, for the endpoint, the server's process.
enum Throughput {
    struct Measure {
        var label: String
        var wall: Double
        var cpuHere: Double
        var cpuServer: Double?
    }

    static func time(_ label: String, _ embedder: any Embedder, _ texts: [String], server: EndpointEmbedder?) async throws -> Measure {
        _ = try await embedder.embed(Array(texts.prefix(8)))  // warm-up: first calls pay for lazy set-up
        let s0 = await server?.serverCPUSeconds()
        let t0 = Clock.now(), c0 = Clock.cpu()
        var start = 0
        while start < texts.count {
            let batch = Array(texts[start..<min(start + 64, texts.count)])
            let got = try await embedder.embed(batch)
            guard got.count == batch.count else { throw BenchError("\(label): \(got.count) vectors for \(batch.count) texts") }
            start += batch.count
        }
        let wall = Clock.now() - t0, cpu = Clock.cpu() - c0
        let s1 = await server?.serverCPUSeconds()
        return Measure(label: label, wall: wall, cpuHere: cpu, cpuServer: s0.flatMap { a in s1.map { $0 - a } })
    }

    static func run(dataDirectory: String, count: Int, sources: [EmbeddingSource]) async throws {
        let ds = try Dataset.load(directory: "\(dataDirectory)/seal-tools", name: "seal-tools")
        let texts = Array(ds.documents.map(\.embeddingText).prefix(count))
        let loadBefore = Clock.load()
        var rows: [Measure] = []
        for source in sources {
            guard let embedder = source.embedder else { continue }
            rows.append(try await time(source.label, embedder, texts, server: embedder as? EndpointEmbedder))
        }
        print("\n## Catalog embedding throughput: \(texts.count) Seal-Tools tool texts, calls of 64, no cache")
        print("(shared 2-core machine, load average \(loadBefore) before and \(Clock.load()) after: wall time is dominated by other jobs; CPU time is the steadier measure)\n")
        print("| embedder | wall s | texts/s | CPU s (client) | CPU s (server) | CPU s total | CPU ms / text |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for m in rows {
            let total = m.cpuHere + (m.cpuServer ?? 0)
            print("| \(m.label) | " + [m.wall, Double(texts.count) / m.wall, m.cpuHere].map { String(format: "%.2f", $0) }.joined(separator: " | ")
                + " | " + (m.cpuServer.map { String(format: "%.2f", $0) } ?? "-") + String(format: " | %.2f | %.2f |", total, 1000 * total / Double(texts.count)))
        }
        if rows.count == 2 {
            let a = rows[0], b = rows[1]
            let cpuA = a.cpuHere + (a.cpuServer ?? 0), cpuB = b.cpuHere + (b.cpuServer ?? 0)
            print(String(format: "\n%@ over %@: %.2fx the throughput (wall), %.2fx less CPU per text", a.label, b.label, b.wall / a.wall, cpuB / cpuA))
        }
    }
}
