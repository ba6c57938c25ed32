/// The L2-normalised embeddings of a catalog, one row per document, row-major Float32, plus an
/// int8 copy (per-row scale, rows padded to 64 bytes) for a cheap first pass.
///
/// The int8 copy is a quarter of the memory traffic of the Float32 matrix; the best candidates of
/// the first pass are rescored exactly against the Float32 rows, so results keep full precision.
public struct EmbeddingMatrix: Sendable {
    public let rows: Int
    public let dimensions: Int
    let storage: VectorStorage
    let quantized: QuantizedRows?

    /// Int8 rows: value ≈ scale * byte, bytes in [-127, 127].
    final class QuantizedRows: @unchecked Sendable {
        // Safety: written only in init, read-only afterwards.
        let stride: Int
        let bytes: UnsafeMutableBufferPointer<Int8>
        let scales: [Float]
        let rowSums: [Int32]

        init(storage: VectorStorage, rows: Int, dimensions: Int) {
            let stride = max((dimensions + 63) / 64 * 64, 64)
            self.stride = stride
            let bytes = UnsafeMutableBufferPointer<Int8>.allocate(capacity: max(rows * stride, 1))
            bytes.initialize(repeating: 0)
            var scales = [Float](repeating: 0, count: rows)
            var sums = [Int32](repeating: 0, count: rows)
            let src = storage.pointer
            for r in 0..<rows {
                let row = src + r * dimensions
                var maxAbs: Float = 0
                // Values from a mapped file are not trusted to be finite: NaN and infinity count as 0.
                for j in 0..<dimensions where row[j].isFinite { maxAbs = max(maxAbs, abs(row[j])) }
                let scale = maxAbs > 0 ? maxAbs / 127 : 1
                var sum: Int32 = 0
                for j in 0..<dimensions {
                    let x = row[j].isFinite ? row[j] : 0
                    let q = Int8(max(-127, min(127, (x / scale).rounded())))
                    bytes[r * stride + j] = q
                    sum &+= Int32(q)
                }
                scales[r] = scale
                sums[r] = sum
            }
            self.bytes = bytes
            self.scales = scales
            self.rowSums = sums
        }

        deinit { bytes.deallocate() }
    }

    /// Wraps storage of `rows * dimensions` floats; builds the int8 copy when `quantize` is set.
    init(storage: VectorStorage, rows: Int, dimensions: Int, quantize: Bool) {
        self.rows = rows
        self.dimensions = dimensions
        self.storage = storage
        self.quantized = quantize && rows > 0 && dimensions > 0 ? QuantizedRows(storage: storage, rows: rows, dimensions: dimensions) : nil
    }

    /// A matrix from row vectors (each normalised here to unit length). Throws if a row has the wrong length.
    public init(vectors: [[Float]], dimensions: Int, quantize: Bool = true) throws(RankingError) {
        var flat: [Float] = []
        flat.reserveCapacity(vectors.count * dimensions)
        for (i, v) in vectors.enumerated() {
            flat += try Self.normalised(v, dimensions: dimensions, what: "vector \(i)")
        }
        self.init(storage: VectorStorage(copying: flat), rows: vectors.count, dimensions: dimensions, quantize: quantize)
    }

    /// Checks length and finiteness and scales `v` to unit length (a zero vector stays zero).
    static func normalised(_ v: [Float], dimensions: Int, what: String) throws(RankingError) -> [Float] {
        guard v.count == dimensions else {
            throw RankingError(.badVector, "\(what) has \(v.count) dimensions, expected \(dimensions)")
        }
        var norm: Float = 0
        for x in v {
            guard x.isFinite else { throw RankingError(.badVector, "\(what) holds a non-finite value") }
            norm += x * x
        }
        norm = norm.squareRoot()
        guard norm > 0 else { return v }
        return v.map { $0 / norm }
    }

    /// The Float32 row `r` (for tests and rescoring).
    public func row(_ r: Int) -> [Float] {
        guard r >= 0, r < rows else { return [] }
        return Array(UnsafeBufferPointer(start: storage.pointer + r * dimensions, count: dimensions))
    }
}
