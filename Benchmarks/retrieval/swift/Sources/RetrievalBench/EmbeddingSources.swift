import CurlHTTP
import Foundation
import LLMClient
import Ranking
import SentenceEncoder

/// all-MiniLM-L6-v2 behind an OpenAI-compatible `/v1/embeddings` endpoint, through Quiver's `LLMClient`.
struct EndpointEmbedder: Embedder {
    let client: LLMClient
    let http: CurlClient
    /// Stable across runs (the port changes), so the Ranking cache is reused; names the model and the route.
    let modelID = "openai-endpoint/all-MiniLM-L6-v2"
    let dimensions = 384
    let baseURL: String

    init(baseURL: String) throws {
        self.baseURL = baseURL
        http = try CurlClient()
        client = LLMClient(
            configuration: LLMConfiguration(
                baseURL: baseURL, model: "all-MiniLM-L6-v2", requestTimeout: .seconds(600), maxResponseBytes: 64 << 20,
                embeddingsBatchSize: 64),
            http: http)
    }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        try await client.embed(texts, normalize: true).vectors
    }

    /// The server's own CPU seconds (GET /v1/stats of `embed_server.py`), nil when it does not say.
    func serverCPUSeconds() async -> Double? {
        guard let response = try? await http.execute(CurlRequest(url: baseURL + "/stats")), response.status == 200,
            let obj = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        else { return nil }
        return obj["cpu_seconds"] as? Double
    }
}

/// Where a dataset's vectors come from: Quiver's in-process encoder or the endpoint (both through the Ranking
/// embedding cache), or the sentence-transformers script's files (`peers.py embed`).
struct EmbeddingSource {
    var label: String
    var embedder: (any Embedder)?

    struct Vectors {
        var tools: [[Float]]
        var queries: [[Float]]
        var note: String
    }

    /// Tool and query vectors of `ds`; cached in `CACHE/embeddings` (one file per dataset, side and model).
    func vectors(for ds: Dataset, cacheDirectory: String) async throws -> Vectors {
        guard let embedder else {
            let tools = try VectorFile.read("\(cacheDirectory)/\(ds.name)/quiver-tools.f32", count: ds.documents.count)
            let queries = try VectorFile.read("\(cacheDirectory)/\(ds.name)/queries.f32", count: ds.queries.count)
            return Vectors(tools: tools, queries: queries, note: "\(label): files written by peers.py embed")
        }
        let dir = "\(cacheDirectory)/embeddings"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var notes: [String] = []
        func side(_ name: String, _ texts: [String]) async throws -> [[Float]] {
            let cache = EmbeddingCache(directory: dir, catalogName: "\(ds.name)-\(name)", batchSize: 64)
            let t0 = Clock.now(), c0 = Clock.cpu()
            let (matrix, report) = try await cache.embeddings(for: texts, embedder: embedder, quantize: false)
            let wall = Clock.now() - t0, cpu = Clock.cpu() - c0
            var note = "\(name) \(report.status.rawValue) (reused \(report.reused), embedded \(report.embedded)) in "
                + String(format: "%.2f s wall, %.2f s CPU here", wall, cpu)
            if report.embedded > 0 { note += String(format: ", %.1f texts/s", Double(report.embedded) / wall) }
            if let problem = report.problem { note += "; problem: \(problem)" }
            notes.append(note)
            return (0..<matrix.rows).map(matrix.row)
        }
        let tools = try await side("tools", ds.documents.map(\.embeddingText))
        let queries = try await side("queries", ds.queries.map(\.text))
        return Vectors(tools: tools, queries: queries, note: "\(label) [\(embedder.modelID)]: " + notes.joined(separator: "; "))
    }
}

enum Clock {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func cpu() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// The 1-minute load average, for the note next to timings.
    static func load() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
    }
}
