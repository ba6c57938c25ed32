#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The on-disk layout of an embedding cache, mapped with mmap and used without parsing.
///
/// ```
/// 0   magic "QVEMBED1"            8 bytes
/// 8   version (1)                 UInt32
/// 12  dimensions                  UInt32
/// 16  count                       UInt64
/// 24  model id length             UInt32
/// 28  header size (vectors start) UInt32, a multiple of 64
/// 32  checksum                    UInt64, Hash64 of every byte from offset 40 to the end
/// 40  model id (UTF-8), zero padding up to the header size
/// H   count x dimensions Float32, L2-normalised, row-major
/// T   count x 24 bytes: key high UInt64, key low UInt64, row UInt32, zero UInt32; sorted by key
/// ```
/// Little-endian. The file length must equal T + 24 x count exactly.
struct EmbeddingCacheFile: @unchecked Sendable {
    // Safety: the table pointer points into `storage`'s read-only mapping, which lives as long as this value.
    static let magic: [UInt8] = Array("QVEMBED1".utf8)
    static let version: UInt32 = 1
    static let entrySize = 24
    static let checksumOffset = 32
    static let checkedFrom = 40

    let storage: VectorStorage
    let count: Int
    let dimensions: Int
    private let table: UnsafeRawPointer

    /// Row of the vector stored for `key`, by binary search in the sorted table.
    func row(for key: TextKey) -> Int? {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            let e = table + mid * Self.entrySize
            let k = TextKey(high: e.loadUnaligned(as: UInt64.self), low: e.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if k == key {
                let row = Int(e.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
                return row < count ? row : nil
            }
            if k < key { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    static func headerSize(modelIDLength: Int) -> Int { (checkedFrom + modelIDLength + 63) / 64 * 64 }

    /// Maps and checks the file at `path`. Returns nil when there is no file; throws `.corruptCache`
    /// naming the path and the failed check when the file cannot be trusted.
    static func open(path: String, modelID: String, dimensions: Int) throws(RankingError) -> EmbeddingCacheFile? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw RankingError(.io, "\(path): cannot open (errno \(errno))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw RankingError(.io, "\(path): cannot stat (errno \(errno))") }
        let length = Int(st.st_size)
        func corrupt(_ why: String) -> RankingError { RankingError(.corruptCache, "\(path): \(why)") }
        guard length >= checkedFrom else { throw corrupt("file is \(length) bytes, shorter than the \(checkedFrom)-byte header") }
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw RankingError(.io, "\(path): mmap failed (errno \(errno))")
        }
        var keep = false
        defer { if !keep { munmap(base, length) } }
        let raw = UnsafeRawPointer(base)
        guard Array(UnsafeRawBufferPointer(start: raw, count: 8)) == magic else { throw corrupt("bad magic") }
        let fileVersion = raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        guard fileVersion == version else { throw corrupt("version \(fileVersion), expected \(version)") }
        let dims = Int(raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        let count64 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        let idLength = Int(raw.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
        let header = Int(raw.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
        let stored = raw.loadUnaligned(fromByteOffset: checksumOffset, as: UInt64.self)
        guard header == headerSize(modelIDLength: idLength), header <= length else { throw corrupt("bad header size \(header)") }
        guard count64 <= UInt64(Int32.max), dims > 0, dims <= 65_536 else { throw corrupt("count \(count64) or dimensions \(dims) out of range") }
        let count = Int(count64)
        let (vectorBytes, o1) = count.multipliedReportingOverflow(by: dims * 4)
        let (tableBytes, o2) = count.multipliedReportingOverflow(by: entrySize)
        let (expected, o3) = (header + vectorBytes).addingReportingOverflow(tableBytes)
        guard !o1, !o2, !o3, expected == length else {
            throw corrupt("length \(length) bytes, expected \(o3 ? "more" : String(expected)) for \(count) vectors of \(dims)")
        }
        let actual = Hash64.hash(UnsafeRawBufferPointer(start: raw + checkedFrom, count: length - checkedFrom))
        guard actual == stored else { throw corrupt("checksum mismatch (torn or damaged file)") }
        let fileModel = String(decoding: UnsafeRawBufferPointer(start: raw + checkedFrom, count: idLength), as: UTF8.self)
        // A different model or size is not corruption but a different cache: treat as absent.
        guard fileModel == modelID, dims == dimensions else { return nil }
        keep = true
        let storage = VectorStorage(mapping: base, length: length, offset: header, count: count * dims)
        return EmbeddingCacheFile(storage: storage, count: count, dimensions: dims, table: raw + header + vectorBytes)
    }
}
