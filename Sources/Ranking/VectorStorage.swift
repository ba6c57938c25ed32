#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only memory holding packed Float32 vectors: either an owned array or a region of a
/// memory-mapped cache file (kept mapped for the life of this object).
final class VectorStorage: @unchecked Sendable {
    // Safety: the memory is never written after init and is freed only in deinit.
    let pointer: UnsafePointer<Float>
    let count: Int
    private let owned: UnsafeMutableBufferPointer<Float>?
    private let mapping: (base: UnsafeMutableRawPointer, length: Int)?

    /// Copies `values`.
    init(copying values: [Float]) {
        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(values.count, 1))
        _ = buffer.initialize(from: values)
        owned = buffer
        mapping = nil
        pointer = UnsafePointer(buffer.baseAddress ?? UnsafeMutablePointer<Float>.allocate(capacity: 1))
        count = values.count
    }

    /// Takes over a mapping; `offset` (bytes, a multiple of 4) is where the vectors start.
    init(mapping base: UnsafeMutableRawPointer, length: Int, offset: Int, count: Int) {
        self.mapping = (base, length)
        self.owned = nil
        self.pointer = UnsafePointer((base + offset).assumingMemoryBound(to: Float.self))
        self.count = count
    }

    deinit {
        if let owned { owned.deallocate() }
        if let mapping { munmap(mapping.base, mapping.length) }
    }
}
