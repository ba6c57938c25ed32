/// Keeps the `k` highest-scoring items seen, in a binary min-heap: O(n log k), no full sort.
/// Ties are broken by the lower index, so results are deterministic.
public struct TopK: Sendable {
    public let k: Int
    private var indices: [Int] = []
    private var scores: [Float] = []

    public init(k: Int) {
        self.k = max(k, 0)
        indices.reserveCapacity(self.k)
        scores.reserveCapacity(self.k)
    }

    /// Is (a, ia) worse than (b, ib)? Lower score is worse; on a tie the higher index is worse.
    @inline(__always)
    private static func worse(_ a: Float, _ ia: Int, _ b: Float, _ ib: Int) -> Bool {
        a < b || (a == b && ia > ib)
    }

    /// The lowest score kept, or -infinity while fewer than `k` items are held.
    public var threshold: Float { indices.count < k ? -Float.infinity : scores[0] }

    public var count: Int { indices.count }

    /// Offers many scores in index order (`base + i` for element i): a scan that only calls into
    /// the heap when a score beats the current threshold.
    public mutating func insert(scores values: UnsafeBufferPointer<Float>, base: Int = 0, positiveOnly: Bool = false) {
        guard k > 0 else { return }
        let floor = positiveOnly ? Float.leastNonzeroMagnitude : -Float.infinity
        var threshold = max(self.threshold, floor)
        for i in 0..<values.count {
            let v = values[i]
            if v >= threshold {
                insert(index: base + i, score: v)
                if indices.count == k { threshold = max(scores[0], floor) }
            }
        }
    }

    public mutating func insert(index: Int, score: Float) {
        guard k > 0, !score.isNaN else { return }
        if indices.count < k {
            indices.append(index)
            scores.append(score)
            siftUp(indices.count - 1)
        } else if Self.worse(scores[0], indices[0], score, index) {
            indices[0] = index
            scores[0] = score
            siftDown(0)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.worse(scores[i], indices[i], scores[parent], indices[parent]) else { return }
            indices.swapAt(i, parent)
            scores.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let n = indices.count
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < n, Self.worse(scores[l], indices[l], scores[m], indices[m]) { m = l }
            if r < n, Self.worse(scores[r], indices[r], scores[m], indices[m]) { m = r }
            if m == i { return }
            indices.swapAt(i, m)
            scores.swapAt(i, m)
            i = m
        }
    }

    /// The kept items, best first (sorting only the `k` kept).
    public func sortedResults() -> [(index: Int, score: Float)] {
        zip(indices, scores).map { (index: $0, score: $1) }.sorted {
            Self.worse($1.score, $1.index, $0.score, $0.index)
        }
    }
}
