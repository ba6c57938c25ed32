/// Interns index terms given as UTF-8 bytes: term -> dense id, without building a String per
/// occurrence. Open addressing with linear probing over a power-of-two table; term bytes live
/// in one arena. Immutable once the index is built, so sharing it between threads is safe.
struct TermTable: Sendable {
    private var slots: [Int32]  // -1 = empty, else term id
    private var hashes: [UInt64]  // per term id
    private(set) var offsets: [Int] = [0]  // term id -> start in arena; offsets[id + 1] is its end
    private(set) var arena: [UInt8] = []
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        hashes = []
        mask = size - 1
    }

    var count: Int { hashes.count }

    private func equal(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[id]
        let end = offsets[id + 1]
        guard end - start == bytes.count else { return false }
        for i in 0..<bytes.count where arena[start + i] != bytes[i] { return false }
        return true
    }

    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = Hash64.hash(UnsafeRawBufferPointer(bytes))
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == h, equal(Int(id), bytes) { return id }
            slot = (slot + 1) & mask
        }
    }

    func find(_ term: String) -> Int32? {
        var copy = term
        return copy.withUTF8 { find($0) }
    }

    /// The id of `bytes`, adding the term when new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Hash64.hash(UnsafeRawBufferPointer(bytes))
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == h, equal(Int(id), bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(truncatingIfNeeded: hashes.count)
        slots[slot] = id
        hashes.append(h)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    mutating func intern(_ term: String) -> Int32 {
        var copy = term
        return copy.withUTF8 { intern($0) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: id)
        }
    }
}
