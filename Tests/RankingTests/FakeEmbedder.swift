import Synchronization
@testable import Ranking

/// A deterministic embedder for tests: each word adds 1 to a dimension chosen by its hash, so
/// texts sharing words are similar. Counts the texts it was asked to embed.
final class FakeEmbedder: Embedder {
    let modelID: String
    let dimensions: Int
    private let counter = Mutex<[String]>([])

    init(modelID: String = "fake-model", dimensions: Int = 32) {
        self.modelID = modelID
        self.dimensions = dimensions
    }

    /// Every text embedded so far, in order.
    var embedded: [String] { counter.withLock { $0 } }

    func resetCount() { counter.withLock { $0.removeAll() } }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        counter.withLock { $0 += texts }
        return texts.map(vector)
    }

    func vector(_ text: String) -> [Float] {
        var v = [Float](repeating: 0, count: dimensions)
        for word in Tokenizer().tokens(text) {
            v[Int(Hash64.hash(word) % UInt64(dimensions))] += 1
        }
        v[dimensions - 1] += 0.1  // never all zero
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
}

/// An embedder that always fails, for error paths.
struct FailingEmbedder: Embedder {
    struct Failure: Error {}
    let modelID = "failing"
    let dimensions = 8
    func embed(_ texts: [String]) async throws -> [[Float]] { throw Failure() }
}

/// Returns vectors of the wrong length.
struct WrongSizeEmbedder: Embedder {
    let modelID = "wrong"
    let dimensions = 8
    func embed(_ texts: [String]) async throws -> [[Float]] { texts.map { _ in [1, 2, 3] } }
}
