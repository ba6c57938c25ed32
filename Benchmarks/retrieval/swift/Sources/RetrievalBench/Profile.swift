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
