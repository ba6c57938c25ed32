import Testing
@testable import Ranking

@Suite struct EmbeddingMatrixTests {
    func randomVectors(_ n: Int, _ d: Int, seed: UInt64) -> [[Float]] {
        var state = seed
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2000 - 1000) / 1000
        }
        return (0..<n).map { _ in (0..<d).map { _ in next() } }
    }

    @Test func sgemvAndSgemmAgreeWithPlainDotProducts() throws {
        let vectors = randomVectors(37, 24, seed: 1)
        let m = try EmbeddingMatrix(vectors: vectors, dimensions: 24)
        let queries = try randomVectors(3, 24, seed: 2).map { try EmbeddingMatrix.normalised($0, dimensions: 24, what: "q") }
        let batch = m.exactScores(batch: queries)
        for (qi, q) in queries.enumerated() {
            let single = m.exactScores(q)
            for r in 0..<37 {
                let row = m.row(r)
                let dot = zip(row, q).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(abs(single[r] - dot) < 1e-5)
                #expect(abs(batch[qi][r] - dot) < 1e-5)
            }
        }
    }

    @Test func int8PathsAgreeAndApproximateCosine() throws {
        let vectors = randomVectors(101, 384, seed: 3)
        let m = try EmbeddingMatrix(vectors: vectors, dimensions: 384)
        let q = try EmbeddingMatrix.normalised(randomVectors(1, 384, seed: 4)[0], dimensions: 384, what: "q")
        let exact = m.exactScores(q)
        var results: [[Float]] = []
        for path in [1, 2, 3] {
            Kernels.forceInt8Path(path)
            results.append(m.approximateScores(q))
        }
        Kernels.forceInt8Path(0)
        #expect(results[0] == results[1])
        #expect(results[1] == results[2])
        for r in 0..<101 { #expect(abs(results[0][r] - exact[r]) < 0.02) }
    }

    @Test func searchRescoresExactlyAndReturnsTopK() throws {
        let vectors = randomVectors(500, 64, seed: 5)
        let m = try EmbeddingMatrix(vectors: vectors, dimensions: 64)
        let q = try EmbeddingMatrix.normalised(vectors[42], dimensions: 64, what: "q")
        let hits = m.search(q, k: 5, rescore: 20)
        let exact = m.exactScores(q)
        let expected = exact.indices.sorted { exact[$0] > exact[$1] }.prefix(5)
        #expect(hits.map(\.index) == Array(expected))
        #expect(hits.first?.index == 42)
        #expect(abs((hits.first?.score ?? 0) - 1) < 1e-5)
    }

    @Test func badVectorsAreRejected() {
        #expect(throws: RankingError.self) { _ = try EmbeddingMatrix(vectors: [[1, 2]], dimensions: 3) }
        #expect(throws: RankingError.self) { _ = try EmbeddingMatrix(vectors: [[1, .nan, 2]], dimensions: 3) }
    }
}

@Suite struct UntrustedVectorTests {
    @Test func nonFiniteQueryVectorIsRejected() async throws {
        var s = RankingSettings()
        s.smallCatalog = .never
        let index = try await ToolIndex.build(documents: sampleDocuments, embedder: FakeEmbedder(), settings: s)
        var v = [Float](repeating: 0.1, count: 32)
        v[3] = .nan
        #expect(throws: RankingError.self) { _ = try index.search(query: "x", queryVector: v, k: 3, mode: .hybrid) }
    }

    @Test func nonFiniteStoredValuesNeverTrap() {
        var flat = [Float](repeating: 0.5, count: 3 * 64)
        flat[5] = .nan
        flat[70] = .infinity
        let m = EmbeddingMatrix(storage: VectorStorage(copying: flat), rows: 3, dimensions: 64, quantize: true)
        let q = [Float](repeating: 0.125, count: 64)
        let approx = m.approximateScores(q)
        #expect(approx.count == 3)
        #expect(approx[2].isFinite)
        #expect(m.search(q, k: 2).count <= 2)
    }
}
