import CEncoderKernels

/// The weights of one linear layer (Y = X·Wᵀ + b), packed at load into the panels `qenc_linear` streams.
struct PackedLinear: @unchecked Sendable {
    let outputs: Int
    let inputs: Int
    /// `qenc_packed_count(outputs, inputs)` floats, owned by `PackedWeights`.
    let packed: UnsafePointer<Float>
}

/// The packed copies of every layer's linear weights, in one 64-byte-aligned allocation made at load. The
/// mapped originals are never read again: their pages are released (they stay in the page cache), so the
/// resident set holds the weights once.
final class PackedWeights: @unchecked Sendable {
    struct Layer: Sendable {
        let qkv, attentionOutput, intermediate, output: PackedLinear
    }

    let layers: [Layer]
    /// Size of the packed copies (≈ the layer weights: 42.5 MB for all-MiniLM-L6-v2).
    let byteCount: Int
    private let storage: UnsafeMutableRawPointer

    init(_ weights: BertWeights) {
        let shapes: [[[FloatTensor]]] = weights.layers.map { l in
            [[l.query, l.key, l.value], [l.attentionOutput], [l.intermediate], [l.output]]
        }
        // Shapes were validated against config.json: every part is [n_i, k] with the layer's k.
        func size(_ parts: [FloatTensor]) -> (n: Int, k: Int, floats: Int) {
            let n = parts.reduce(0) { $0 + $1.shape[0] }
            let k = parts.first?.shape.last ?? 0
            return (n, k, (qenc_packed_count(n, k) + 15) / 16 * 16)  // keep every matrix 64-byte aligned
        }
        let total = shapes.reduce(0) { $0 + $1.reduce(0) { $0 + size($1).floats } }
        byteCount = total * MemoryLayout<Float>.size
        storage = .allocate(byteCount: max(byteCount, 64), alignment: 64)
        let base = storage.bindMemory(to: Float.self, capacity: max(total, 1))
        var offset = 0
        var layers: [Layer] = []
        for layer in shapes {
            let linears = layer.map { parts -> PackedLinear in
                let (n, k, floats) = size(parts)
                let target = base + offset
                // Every float is written by qenc_pack except the padding of a last, partial panel.
                let covered = n / Int(QENC_PANEL) * Int(QENC_PANEL) * k
                (target + covered).initialize(repeating: 0, count: floats - covered)
                var first = 0
                for part in parts {
                    qenc_pack(part.pointer, part.shape[0], k, first, target)
                    part.releaseMappedPages()
                    first += part.shape[0]
                }
                offset += floats
                return PackedLinear(outputs: n, inputs: k, packed: UnsafePointer(target))
            }
            layers.append(
                Layer(qkv: linears[0], attentionOutput: linears[1], intermediate: linears[2], output: linears[3]))
        }
        self.layers = layers
    }

    deinit { storage.deallocate() }
}

/// The caller plus one persistent worker thread, which share the linear layers and attention heads of a
/// single query (`qenc_team`). One forward pass holds it at a time; others run single-threaded.
final class QueryTeam: @unchecked Sendable {
    private let handle: OpaquePointer

    init?(spinMicroseconds: Int) {
        guard let spin = UInt32(exactly: spinMicroseconds), let handle = qenc_team_create(spin) else { return nil }
        self.handle = handle
    }

    deinit { qenc_team_destroy(handle) }

    /// Runs `body` with the team, or with nil when another forward pass holds it.
    func with<R>(_ body: (OpaquePointer?) -> R) -> R {
        guard qenc_team_try_acquire(handle) != 0 else { return body(nil) }
        defer { qenc_team_release(handle) }
        return body(handle)
    }

    /// Chunks of work the worker thread has done so far.
    var workerChunks: Int { Int(qenc_team_worker_chunks(handle)) }
}
