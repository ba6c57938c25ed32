// The one file that calls into C: OpenBLAS through CBLAS, and the int8 kernels.
import CBLAS
import CRankingKernels

enum Kernels {
    /// out[i] = dot(matrix row i, vector) for a row-major `rows` x `columns` matrix (cblas_sgemv).
    static func gemv(matrix: UnsafePointer<Float>, rows: Int, columns: Int, vector: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
        guard rows > 0, columns > 0 else { return }
        cblas_sgemv(
            CblasRowMajor, CblasNoTrans, Int32(clamping: rows), Int32(clamping: columns), 1, matrix,
            Int32(clamping: columns), vector, 1, 0, out, 1)
    }

    /// out (rows x count, row-major) = matrix (rows x columns) * queries^T (queries: count x columns), via cblas_sgemm.
    static func gemm(
        matrix: UnsafePointer<Float>, rows: Int, columns: Int, queries: UnsafePointer<Float>, count: Int,
        out: UnsafeMutablePointer<Float>
    ) {
        guard rows > 0, columns > 0, count > 0 else { return }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(clamping: rows), Int32(clamping: count),
            Int32(clamping: columns), 1, matrix, Int32(clamping: columns), queries, Int32(clamping: columns), 0, out,
            Int32(clamping: count))
    }

    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        cblas_sdot(Int32(clamping: count), a, 1, b, 1)
    }

    /// Int8 first pass: out[i] = scales[i] * <row i, query> in integers.
    static func int8Scores(
        rows: UnsafePointer<Int8>, rowSums: UnsafePointer<Int32>, scales: UnsafePointer<Float>, count: Int, stride: Int,
        query: UnsafePointer<Int8>, out: UnsafeMutablePointer<Float>
    ) {
        guard count > 0 else { return }
        _ = quiver_i8_scores(rows, rowSums, scales, count, stride, query, out)
    }

    /// Which int8 path runs here: 3 = AVX-512 VNNI, 2 = AVX2, 1 = portable C.
    static var int8Path: Int { Int(quiver_i8_path()) }

    static func forceInt8Path(_ path: Int) { quiver_i8_force_path(Int32(clamping: path)) }
}
