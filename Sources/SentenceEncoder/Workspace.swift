/// Scratch buffers of one forward pass, reused across batches (grown when a batch needs more, never shrunk),
/// so no memory is allocated per token. One workspace per thread.
final class Workspace: @unchecked Sendable {
    private(set) var hidden = Buffer()
    private(set) var qkv = Buffer()
    private(set) var context = Buffer()
    private(set) var intermediate = Buffer()
    private(set) var scores = Buffer()
    /// X transposed into row blocks for `qenc_linear`.
    private(set) var transposed = Buffer()

    /// Rows of the feed-forward layer computed at once (bounds the intermediate buffer).
    static let feedForwardRows = 256

    struct Buffer {
        var pointer = UnsafeMutablePointer<Float>.allocate(capacity: 8)
        var capacity = 8

        mutating func reserve(_ count: Int) {
            guard count > capacity else { return }
            pointer.deallocate()
            capacity = max(count, capacity * 3 / 2)
            pointer = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        }

        func free() { pointer.deallocate() }
    }

    /// Makes every buffer large enough for `tokens` tokens whose longest sequence has `maxLength` tokens.
    func reserve(tokens: Int, maxLength: Int, config: ModelConfiguration) {
        let h = config.hiddenSize
        hidden.reserve(tokens * h)
        qkv.reserve(tokens * 3 * h)
        context.reserve(tokens * h)
        intermediate.reserve(min(tokens, Self.feedForwardRows) * config.intermediateSize)
        scores.reserve(maxLength * maxLength)
        transposed.reserve(max(tokens * h, min(tokens, Self.feedForwardRows) * config.intermediateSize))
    }

    deinit {
        hidden.free()
        qkv.free()
        context.free()
        intermediate.free()
        scores.free()
        transposed.free()
    }
}
