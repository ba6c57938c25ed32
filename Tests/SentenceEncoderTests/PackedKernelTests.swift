import CEncoderKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Testing
@testable import SentenceEncoder

/// The packed linear kernel, GELU, direct attention and the two-thread query team, against plain Double
/// references, on every kernel path this CPU has (AVX-512, AVX2 + FMA, portable C).
@Suite(.serialized) struct PackedKernelTests {
    /// Deterministic values in [-1, 1).
    struct Numbers {
        var state: UInt64
        mutating func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
        }
        mutating func array(_ count: Int) -> [Float] { (0..<count).map { _ in next() } }
    }

    /// Paths to test: every one up to the best this CPU has.
    static let paths: [Int32] = Array(1...qenc_path())

    static func withPath<R>(_ path: Int32, _ body: () throws -> R) rethrows -> R {
        qenc_force_path(path)
        defer { qenc_force_path(0) }
        return try body()
    }

    static func exactGELU(_ x: Double) -> Double {
        // erf by its Maclaurin series (|x| ≤ 10 here; converges in Double).
        let z = x / 2.0.squareRoot()
        var sum = 0.0, term = z
        for n in 0..<400 {
            sum += term / Double(2 * n + 1)
            term *= -z * z / Double(n + 1)
        }
        let erf = abs(z) > 5 ? (z > 0 ? 1 : -1) : sum * 2 / Double.pi.squareRoot()
        return 0.5 * x * (1 + erf)
    }

    @Test func geluIsAccurateOnEveryPath() {
        let xs = (-1000...1000).map { Float($0) / 100 }
        for path in Self.paths {
            var ys = xs
            Self.withPath(path) { ys.withUnsafeMutableBufferPointer { qenc_gelu($0.baseAddress, $0.count) } }
            var worst = 0.0
            for (x, y) in zip(xs, ys) { worst = max(worst, abs(Double(y) - Self.exactGELU(Double(x)))) }
            #expect(worst < 2e-6, "path \(path): worst GELU error \(worst)")
        }
    }

    /// Y = X·Wᵀ + Y0 (then GELU) for row counts across block boundaries, output counts with partial panels,
    /// and a row stride wider than the outputs, whose extra columns must stay untouched.
    @Test(arguments: [(1, 16, 7), (5, 40, 384), (13, 1152, 384), (14, 33, 20), (15, 384, 1536), (29, 48, 64), (100, 24, 96)])
    func linearMatchesAReference(rows: Int, n: Int, k: Int) {
        var numbers = Numbers(state: UInt64(rows * 1_000_003 + n * 101 + k))
        let x = numbers.array(rows * k), w = numbers.array(n * k)
        let ldy = n + 3
        let y0 = numbers.array(rows * ldy)
        var packed = [Float](repeating: 0, count: qenc_packed_count(n, k))
        // Packed in two parts, as Q/K/V are.
        let split = n / 2
        w.withUnsafeBufferPointer { wp in
            qenc_pack(wp.baseAddress, split, k, 0, &packed)
            qenc_pack(wp.baseAddress.map { $0 + split * k }, n - split, k, split, &packed)
        }
        var scratch = [Float](repeating: 0, count: qenc_scratch_count(rows, k))
        for path in Self.paths {
            for gelu in [false, true] {
                var y = y0
                Self.withPath(path) { qenc_linear(nil, x, rows, k, packed, n, &y, ldy, &scratch, gelu ? 1 : 0) }
                var worst = 0.0
                for r in 0..<rows {
                    for c in 0..<n {
                        var sum = Double(y0[r * ldy + c])
                        for i in 0..<k { sum += Double(x[r * k + i]) * Double(w[c * k + i]) }
                        if gelu { sum = Self.exactGELU(sum) }
                        worst = max(worst, abs(Double(y[r * ldy + c]) - sum))
                    }
                    for c in n..<ldy { #expect(y[r * ldy + c] == y0[r * ldy + c], "column \(c) past n was written") }
                }
                #expect(worst < 1e-4, "path \(path), gelu \(gelu): worst error \(worst)")
            }
        }
    }

    @Test(arguments: [1, 2, 13, 64])
    func attentionMatchesAReference(tokens: Int) {
        let hidden = 96, heads = 3, d = 32
        var numbers = Numbers(state: UInt64(tokens))
        let qkv = numbers.array(tokens * 3 * hidden).map { $0 * 3 }
        let scale = 1 / Float(d).squareRoot()
        for path in Self.paths {
            var context = [Float](repeating: .nan, count: tokens * hidden)
            Self.withPath(path) { qenc_attention(nil, qkv, tokens, hidden, heads, scale, &context) }
            var worst = 0.0
            let ld = 3 * hidden
            for h in 0..<heads {
                for r in 0..<tokens {
                    var scores = [Double](repeating: 0, count: tokens)
                    for c in 0..<tokens {
                        var dot = 0.0
                        for j in 0..<d {
                            let q = Double(qkv[r * ld + h * d + j]), key = Double(qkv[c * ld + hidden + h * d + j])
                            dot += q * key
                        }
                        scores[c] = dot * Double(scale)
                    }
                    let m = scores.max() ?? 0
                    let e = scores.map { exp($0 - m) }
                    let total = e.reduce(0, +)
                    for j in 0..<d {
                        var expected = 0.0
                        for c in 0..<tokens {
                            let v = Double(qkv[c * ld + 2 * hidden + h * d + j])
                            expected += e[c] / total * v
                        }
                        worst = max(worst, abs(Double(context[r * hidden + h * d + j]) - expected))
                    }
                }
            }
            #expect(worst < 1e-5, "path \(path), \(tokens) tokens: worst error \(worst)")
        }
    }

    /// A query split between the caller and the worker gives the single-threaded vectors, and the worker
    /// really takes part.
    @Test func queryTeamMatchesOneThread() async throws {
        let dir = try TestSupport.modelDirectory()
        var one = SentenceEncoderSettings()
        one.queryThreads = 1
        var two = SentenceEncoderSettings()
        two.queryThreads = 2
        let single = try SentenceEncoder.load(directory: dir, settings: one)
        let team = try SentenceEncoder.load(directory: dir, settings: two)
        #expect(single.team == nil)
        let texts = ["Find the cheapest flight from Paris to Tokyo next Friday", "get_weather", "", "send an e-mail"]
        for text in texts {
            let a = try await single.embed([text])[0]
            let b = try await team.embed([text])[0]
            #expect(TestSupport.cosine(a, b) > 0.999999, "\(text)")
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-5 })
        }
        #if os(Linux)
        // The worker claims chunks as soon as it runs; on a loaded machine that may take a few queries.
        let helper = try #require(team.team)
        for _ in 0..<500 where helper.workerChunks == 0 {
            _ = try await team.embed([texts[0]])
        }
        #expect(helper.workerChunks > 0)
        #else
        #expect(team.team == nil, "the query team needs Linux futexes")
        #endif
    }

    @Test(arguments: [(-1, 200), (3, 200), (2, -1), (2, 2_000_000)])
    func queryThreadLimits(threads: Int, spin: Int) throws {
        var settings = SentenceEncoderSettings()
        settings.queryThreads = threads
        settings.querySpinMicroseconds = spin
        let dir = try TinyModel().write()
        defer { TestSupport.removeDirectory(dir) }
        #expect {
            _ = try SentenceEncoder.load(directory: dir, settings: settings)
        } throws: { error in
            guard let e = error as? SentenceEncoderError else { return false }
            return e.code == .limitExceeded && e.description.contains("queryThreads = \(threads)")
                && e.description.contains("querySpinMicroseconds = \(spin)")
        }
    }

    /// The long-sequence softmax (C's exp_approx, shared with GELU and attention) against the C library's double
    /// exp, over rows long enough (70) to take every vector path and its remainder, on each path.
    @Test func softmaxRowsMatchExactSoftmax() {
        let rows = 160, cols = 70
        var values = [Float](repeating: 0, count: rows * cols)
        for i in values.indices { values[i] = Float((i * 37) % 1_601 - 800) / 100 }  // -8 ... 8
        for path in Self.paths {
            let x = Self.withPath(path) { () -> [Float] in
                var x = values
                x.withUnsafeMutableBufferPointer { Kernels.softmaxRows($0.baseAddress!, rows: rows, cols: cols, ld: cols) }
                return x
            }
            var worst: Double = 0
            for r in 0..<rows {
                let row = values[(r * cols)..<((r + 1) * cols)].map(Double.init)
                let maximum = row.max() ?? 0
                let exps = row.map { exp($0 - maximum) }
                let total = exps.reduce(0, +)
                for c in 0..<cols { worst = max(worst, abs(Double(x[r * cols + c]) - exps[c] / total) / (exps[c] / total)) }
            }
            #expect(worst < 2e-6, "path \(path): worst relative error \(worst)")
        }
    }

    /// Batches take the faster of AVX-512 and AVX2 as measured on this CPU, queries the widest path; a forced
    /// path (the tests of each path) wins over both. In this suite because forcing a path is process-wide.
    @Test func theBatchPathIsAMeasuredChoiceAndForcingStillWorks() {
        let best = qenc_path()
        let batch = qenc_batch_path()
        if best == 3 { #expect(batch == 3 || batch == 2) } else { #expect(batch == best) }
        for path in Self.paths where path <= 2 {  // forcing AVX-512 too would only force the widest path
            Self.withPath(path) {
                #expect(qenc_batch_path() == path)
                #expect(qenc_path() == path)
            }
        }
        #expect(qenc_batch_path() == batch)
    }
}
