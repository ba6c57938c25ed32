import CEncoderKernels

/// Element-wise and row-wise kernels of the forward pass, on raw float buffers, vectorised with SIMD8.
enum Kernels {
    typealias V = SIMD8<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// In place: x ← x · ½ · (1 + erf(x / √2)), BERT's exact GELU (`qenc_gelu`; the forward pass applies it
    /// inside `qenc_linear`).
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        qenc_gelu(x, count)
    }

    /// Each of `rows` rows of `cols` floats becomes `bias` (a `cols`-vector), or `source` row + `bias`.
    static func fillRows(
        _ dst: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int,
        bias: UnsafePointer<Float>, adding source: UnsafePointer<Float>? = nil
    ) {
        for r in 0..<rows {
            let d = dst + r * ld
            if let source {
                let s = source + r * cols
                for c in 0..<cols { d[c] = s[c] + bias[c] }
            } else {
                d.update(from: bias, count: cols)
            }
        }
    }

    /// LayerNorm of each row of `src` into `dst` (which may be `src`): (x - mean) / sqrt(var + eps) · γ + β.
    static func layerNorm(
        _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
        gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        let vectorCols = cols - cols % 8
        for r in 0..<rows {
            let s = src + r * cols
            let d = dst + r * cols
            var acc = V()
            var c = 0
            while c < vectorCols {
                acc += load(s + c)
                c += 8
            }
            var sum = acc.sum()
            while c < cols {
                sum += s[c]
                c += 1
            }
            let mean = sum / Float(cols)
            let m = V(repeating: mean)
            acc = V()
            c = 0
            while c < vectorCols {
                let t = load(s + c) - m
                acc += t * t
                c += 8
            }
            var squares = acc.sum()
            while c < cols {
                let t = s[c] - mean
                squares += t * t
                c += 1
            }
            let inv = 1 / (squares / Float(cols) + epsilon).squareRoot()
            let iv = V(repeating: inv)
            c = 0
            while c < vectorCols {
                store((load(s + c) - m) * iv * load(gamma + c) + load(beta + c), d + c)
                c += 8
            }
            while c < cols {
                d[c] = (s[c] - mean) * inv * gamma[c] + beta[c]
                c += 1
            }
        }
    }

    /// Softmax of each row of `cols` floats (rows `ld` apart), in place (`qenc_softmax_rows`: the same e^x
    /// as the GELU and the short-sequence attention, vectorised by the C compiler for the CPU's path).
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int) {
        qenc_softmax_rows(x, rows, cols, ld)
    }
}
