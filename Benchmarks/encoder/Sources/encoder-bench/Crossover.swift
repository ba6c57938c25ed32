// `encoder-bench --crossover`: time one linear layer of all-MiniLM-L6-v2's shapes through qenc_linear (weights
// packed once) and through cblas_sgemm (which packs the weights on every call), for growing row counts M,
// single-threaded. Prints one line per shape and M with both times and the ratio.
#if canImport(Glibc)
import Glibc
#endif
import CBLAS
import CEncoderKernels

enum Crossover {
    static func run() {
        // One OpenBLAS thread, as the encoder sets it.
        if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "openblas_set_num_threads") {
            unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Void).self)(1)
        }
        let shapes = [(k: 384, n: 1152, name: "QKV 384->1152"), (k: 384, n: 1536, name: "FFN1 384->1536"), (k: 1536, n: 384, name: "FFN2 1536->384")]
        print("shape            M   qenc_linear ms   cblas_sgemm ms   cblas/qenc")
        for shape in shapes {
            let (k, n) = (shape.k, shape.n)
            var state: UInt32 = 1
            func next() -> Float {
                state = state &* 1_664_525 &+ 1_013_904_223
                return Float(Int32(bitPattern: state) >> 8) / Float(1 << 23)
            }
            // Six copies of the weights, as the six layers stream from memory in turn.
            let copies = 6
            let weights = (0..<copies).map { _ in (0..<(n * k)).map { _ in next() } }
            let packed = weights.map { w -> [Float] in
                var p = [Float](repeating: 0, count: qenc_packed_count(n, k))
                qenc_pack(w, n, k, 0, &p)
                return p
            }
            for m in [1, 4, 13, 32, 64, 128, 256, 512, 1024] {
                let x = (0..<(m * k)).map { _ in next() }
                var y = [Float](repeating: 0, count: m * n)
                var scratch = [Float](repeating: 0, count: qenc_scratch_count(m, k))
                let rounds = max(3, 3000 / m)
                func time(_ body: (Int) -> Void) -> Double {
                    for c in 0..<copies { body(c) }
                    let t = monotonic()
                    for r in 0..<rounds { body(r % copies) }
                    return (monotonic() - t) * 1000 / Double(rounds)
                }
                let mine = time { c in qenc_linear(nil, x, m, k, packed[c], n, &y, n, &scratch, 0) }
                let blas = time { c in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), 1, x, Int32(k),
                                weights[c], Int32(k), 1, &y, Int32(n))
                }
                let label = shape.name + String(repeating: " ", count: max(0, 15 - shape.name.count))
                print("\(label) \(String(m).leftPad(5)) \(format(mine).leftPad(15)) \(format(blas).leftPad(16)) \(format(blas / mine).leftPad(12))")
            }
        }
    }

    static func format(_ v: Double) -> String {
        let scaled = (v * 1000).rounded() / 1000
        return "\(scaled)"
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
