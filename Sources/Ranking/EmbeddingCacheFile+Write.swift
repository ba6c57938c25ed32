#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EmbeddingCacheFile {
    /// Writes a cache file atomically: a temporary file in the same directory, fsync, rename over
    /// `path`, fsync of the directory. Readers see the old file or the new one, never a mix.
    /// `vectors` holds `keys.count` rows of `dimensions` floats, row i for keys[i].
    static func write(path: String, modelID: String, dimensions: Int, keys: [TextKey], vectors: [Float]) throws(RankingError) {
        let idBytes = Array(modelID.utf8)
        let header = headerSize(modelIDLength: idBytes.count)
        var bytes = [UInt8](repeating: 0, count: header)
        func put<T: FixedWidthInteger>(_ v: T, at offset: Int) {
            withUnsafeBytes(of: v.littleEndian) { for (i, b) in $0.enumerated() { bytes[offset + i] = b } }
        }
        for (i, b) in magic.enumerated() { bytes[i] = b }
        put(version, at: 8)
        put(UInt32(clamping: dimensions), at: 12)
        put(UInt64(keys.count), at: 16)
        put(UInt32(clamping: idBytes.count), at: 24)
        put(UInt32(clamping: header), at: 28)
        for (i, b) in idBytes.enumerated() { bytes[checkedFrom + i] = b }
        vectors.withUnsafeBytes { bytes += $0 }
        // Sorted table; a repeated key keeps its first row.
        var seen = Set<TextKey>()
        var entries: [(TextKey, Int)] = []
        for (row, key) in keys.enumerated() where seen.insert(key).inserted { entries.append((key, row)) }
        entries.sort { $0.0 < $1.0 }
        // Pad duplicates' slots with copies of the last entry so the length formula holds.
        while entries.count < keys.count, let last = entries.last { entries.append(last) }
        for (key, row) in entries {
            let start = bytes.count
            bytes += [UInt8](repeating: 0, count: entrySize)
            put(key.high, at: start)
            put(key.low, at: start + 8)
            put(UInt32(clamping: row), at: start + 16)
        }
        let sum = bytes.withUnsafeBytes { Hash64.hash(UnsafeRawBufferPointer(rebasing: $0[checkedFrom...])) }
        put(sum, at: checksumOffset)
        try atomicWrite(bytes, to: path)
    }

    static func atomicWrite(_ bytes: [UInt8], to path: String) throws(RankingError) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let dir = directory.isEmpty ? "." : directory
        let temp = "\(path).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let fd = Glibc.open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RankingError(.io, "\(temp): cannot create (errno \(errno))") }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return false }
                let n = Glibc.write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        let closed = close(fd) == 0
        guard written, synced, closed else { throw RankingError(.io, "\(temp): write failed (errno \(errno))") }
        guard rename(temp, path) == 0 else { throw RankingError(.io, "\(path): rename failed (errno \(errno))") }
        ok = true
        let dfd = Glibc.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }
}
