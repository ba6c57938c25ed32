import Foundation

/// Recall@1/5/10, nDCG@10 and MRR averaged over queries.
struct Metrics {
    var recall1 = 0.0, recall5 = 0.0, recall10 = 0.0, ndcg10 = 0.0, mrr = 0.0
    var count = 0

    mutating func add(ranked: [String], relevant: Set<String>) {
        guard !relevant.isEmpty else { return }
        func recall(_ k: Int) -> Double { Double(ranked.prefix(k).filter(relevant.contains).count) / Double(relevant.count) }
        recall1 += recall(1)
        recall5 += recall(5)
        recall10 += recall(10)
        var dcg = 0.0
        for (i, name) in ranked.prefix(10).enumerated() where relevant.contains(name) { dcg += 1 / log2(Double(i) + 2) }
        var ideal = 0.0
        for i in 0..<min(relevant.count, 10) { ideal += 1 / log2(Double(i) + 2) }
        ndcg10 += dcg / ideal
        if let first = ranked.firstIndex(where: relevant.contains) { mrr += 1 / Double(first + 1) }
        count += 1
    }

    var averaged: [Double] {
        let n = Double(max(count, 1))
        return [recall1 / n, recall5 / n, recall10 / n, ndcg10 / n, mrr / n]
    }
}
