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

    /// e^x with a relative error of about 2e-7 (Cephes `expf`: range reduction by ln 2, degree-6 polynomial).
    @inline(__always) static func exp(_ x: V) -> V {
        let x = x.clamped(lowerBound: V(repeating: -87.0), upperBound: V(repeating: 88.0))
        let n = (x * V(repeating: 1.442_695_04)).rounded(.toNearestOrEven)
        let r = x - n * V(repeating: 0.693_359_375) + n * V(repeating: 2.121_944_4e-4)
        var p = V(repeating: 1.987_569_15e-4)
        p = p * r + V(repeating: 1.398_199_95e-3)
        p = p * r + V(repeating: 8.333_451_9e-3)
        p = p * r + V(repeating: 4.166_579_59e-2)
        p = p * r + V(repeating: 1.666_666_55e-1)
        p = p * r + V(repeating: 5.000_000_12e-1)
        let y = p * r * r + r + V(repeating: 1)
        // 2^n through the exponent bits: n + 127 lands in the low mantissa bits of n + 1.5·2^23 + 127.
        let biased = n + V(repeating: 12_583_039)  // 1.5 * 2^23 + 127
        let bits = (unsafeBitCast(biased, to: SIMD8<UInt32>.self) & SIMD8(repeating: 0xFF)) &<< 23
        return y * unsafeBitCast(bits, to: V.self)
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

    /// Softmax of each row of `cols` floats (rows `ld` apart), in place.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int) {
        for r in 0..<rows {
            let p = x + r * ld
            var maximum = -Float.infinity
            for c in 0..<cols { maximum = max(maximum, p[c]) }
            let m = V(repeating: maximum)
            var sum: Float = 0
            var c = 0
            while c + 8 <= cols {
                let e = exp(load(p + c) - m)
                store(e, p + c)
                sum += e.sum()
                c += 8
            }
            if c < cols {
                var v = V(repeating: -Float.infinity)
                for j in 0..<(cols - c) { v[j] = p[c + j] }
                let e = exp(v - m)
                for j in 0..<(cols - c) {
                    p[c + j] = e[j]
                    sum += e[j]
                }
            }
            let inv = 1 / sum
            for c in 0..<cols { p[c] *= inv }
        }
    }
}
