import CBLAS
import CEncoderKernels

/// The BERT forward pass over a batch of token sequences, packed without padding: all tokens of the batch
/// are rows of one matrix, so each dense layer is one `qenc_linear` call over the whole batch (on weights
/// packed at load), and attention runs per sequence on its own rows (the equivalent of masking padded
/// positions, with no work spent on padding): `qenc_attention` up to 64 tokens, `cblas_sgemm` per head beyond.
/// Output: the mean of each sequence's last hidden states, L2-normalised.
struct BertModel: Sendable {
    let config: ModelConfiguration
    let weights: BertWeights
    /// The linear weights packed once for `qenc_linear`.
    let packed: PackedWeights

    /// Sequences up to this length (with heads up to `QENC_MAX_HEAD_SIZE`) run attention in `qenc_attention`
    /// (all heads in one call) rather than as two `cblas_sgemm` calls per head.
    static let directAttentionLimit = Int(QENC_MAX_ATTENTION_TOKENS)

    init(config: ModelConfiguration, weights: BertWeights) {
        self.config = config
        self.weights = weights
        self.packed = PackedWeights(weights)
    }

    /// Encodes `sequences` (token ids, each at most `config.maxSequenceLength` long and non-empty) and writes
    /// one normalised vector of `hiddenSize` floats per sequence to `output`. With a `team` (a `qenc_team`),
    /// the small-row linear layers and the attention heads are shared with its worker thread.
    func forward(
        _ sequences: [[Int32]], into output: UnsafeMutablePointer<Float>, workspace ws: Workspace,
        team: OpaquePointer? = nil
    ) {
        let h = config.hiddenSize
        let tokens = sequences.reduce(0) { $0 + $1.count }
        let longest = sequences.reduce(0) { max($0, $1.count) }
        guard tokens > 0 else { return }
        ws.reserve(tokens: tokens, maxLength: longest, config: config)
        let x = ws.hidden.pointer

        // Embeddings: word + position + token type 0, then LayerNorm.
        var row = 0
        let word = weights.wordEmbeddings.pointer
        let position = weights.positionEmbeddings.pointer
        let type = weights.tokenTypeEmbeddings.pointer
        for sequence in sequences {
            for (p, id) in sequence.enumerated() {
                let d = x + row * h
                let w = word + Int(id) * h
                let q = position + p * h
                for c in 0..<h { d[c] = w[c] + q[c] + type[c] }
                row += 1
            }
        }
        Kernels.layerNorm(
            x, into: x, rows: tokens, cols: h, gamma: weights.embeddingNorm.pointer,
            beta: weights.embeddingNormBias.pointer, epsilon: config.layerNormEpsilon)

        for (layer, linears) in zip(weights.layers, packed.layers) {
            encoderLayer(layer, linears, sequences: sequences, tokens: tokens, workspace: ws, team: team)
        }

        // Mean pooling over each sequence's tokens, then L2 normalisation.
        row = 0
        for (i, sequence) in sequences.enumerated() {
            let out = output + i * h
            out.update(repeating: 0, count: h)
            for r in row..<(row + sequence.count) {
                let s = x + r * h
                for c in 0..<h { out[c] += s[c] }
            }
            row += sequence.count
            var norm: Float = 0
            for c in 0..<h {
                out[c] /= Float(sequence.count)
                norm += out[c] * out[c]
            }
            let inv = 1 / max(norm.squareRoot(), 1e-12)
            for c in 0..<h { out[c] *= inv }
        }
    }

    /// Y (rows × n, row stride ldc) += X (rows × k) · Wᵀ (then GELU), W being n × k (PyTorch's Linear layout),
    /// from the copy packed at load. `cblas_sgemm` packs the weight matrix on every call, which for a query of
    /// a dozen rows costs as much as the product; `qenc_linear` was also faster at every batch size measured
    /// (docs/encoder.md).
    @inline(__always) private func linear(
        _ xs: UnsafePointer<Float>, rows: Int, _ w: PackedLinear, into y: UnsafeMutablePointer<Float>, ldc: Int,
        gelu: Bool = false, workspace ws: Workspace, team: OpaquePointer?
    ) {
        // Sizes come from the validated config; Workspace.reserve sized the scratch for every layer of this batch.
        assert(rows * w.inputs <= ws.transposed.capacity && ldc >= w.outputs)
        qenc_linear(team, xs, rows, w.inputs, w.packed, w.outputs, y, ldc, ws.transposed.pointer, gelu ? 1 : 0)
    }

    private func encoderLayer(
        _ layer: BertWeights.Layer, _ linears: PackedWeights.Layer, sequences: [[Int32]], tokens: Int,
        workspace ws: Workspace, team: OpaquePointer?
    ) {
        let h = config.hiddenSize
        let inter = config.intermediateSize
        let x = ws.hidden.pointer
        let qkv = ws.qkv.pointer
        let context = ws.context.pointer

        // Q, K, V side by side in one tokens × 3h matrix.
        Kernels.fillRows(qkv, rows: tokens, cols: h, ld: 3 * h, bias: layer.queryBias.pointer)
        Kernels.fillRows(qkv + h, rows: tokens, cols: h, ld: 3 * h, bias: layer.keyBias.pointer)
        Kernels.fillRows(qkv + 2 * h, rows: tokens, cols: h, ld: 3 * h, bias: layer.valueBias.pointer)
        linear(x, rows: tokens, linears.qkv, into: qkv, ldc: 3 * h, workspace: ws, team: team)

        // Self-attention, one sequence at a time.
        let d = config.headSize
        let scale = 1 / Float(d).squareRoot()
        let scores = ws.scores.pointer
        var start = 0
        for sequence in sequences {
            let n = sequence.count
            let base = qkv + start * 3 * h
            if n <= Self.directAttentionLimit, d <= Int(QENC_MAX_HEAD_SIZE) {
                qenc_attention(team, base, n, h, config.heads, scale, context + start * h)
                start += n
                continue
            }
            for head in 0..<config.heads {
                let q = base + head * d
                let k = base + h + head * d
                let v = base + 2 * h + head * d
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(d), scale, q, Int32(3 * h),
                    k, Int32(3 * h), 0, scores, Int32(n))
                Kernels.softmaxRows(scores, rows: n, cols: n, ld: n)
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(d), Int32(n), 1, scores, Int32(n),
                    v, Int32(3 * h), 0, context + start * h + head * d, Int32(h))
            }
            start += n
        }

        // Attention output projection, residual, LayerNorm. Q, K and V are dead now: their rows hold the sum.
        let sum = qkv
        Kernels.fillRows(sum, rows: tokens, cols: h, ld: h, bias: layer.attentionOutputBias.pointer, adding: x)
        linear(context, rows: tokens, linears.attentionOutput, into: sum, ldc: h, workspace: ws, team: team)
        Kernels.layerNorm(
            sum, into: x, rows: tokens, cols: h, gamma: layer.attentionNorm.pointer,
            beta: layer.attentionNormBias.pointer, epsilon: config.layerNormEpsilon)

        // Feed-forward: GELU(x·W1ᵀ + b1)·W2ᵀ + b2, residual, LayerNorm; in blocks of rows so that the
        // intermediate activations stay small.
        let mid = ws.intermediate.pointer
        var first = 0
        while first < tokens {
            let rows = min(Workspace.feedForwardRows, tokens - first)
            let xs = x + first * h
            Kernels.fillRows(mid, rows: rows, cols: inter, ld: inter, bias: layer.intermediateBias.pointer)
            linear(xs, rows: rows, linears.intermediate, into: mid, ldc: inter, gelu: true, workspace: ws, team: team)
            Kernels.fillRows(sum + first * h, rows: rows, cols: h, ld: h, bias: layer.outputBias.pointer, adding: xs)
            linear(mid, rows: rows, linears.output, into: sum + first * h, ldc: h, workspace: ws, team: team)
            first += rows
        }
        Kernels.layerNorm(
            sum, into: x, rows: tokens, cols: h, gamma: layer.outputNorm.pointer,
            beta: layer.outputNormBias.pointer, epsilon: config.layerNormEpsilon)
    }
}
