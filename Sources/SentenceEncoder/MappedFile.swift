#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory mapping of a whole file; unmapped when released. The bytes are never copied.
final class MappedFile: @unchecked Sendable {
    let path: String
    let base: UnsafeRawPointer
    let count: Int

    /// Maps `path` read-only. Throws `fileMissing` or `fileUnreadable` naming the file.
    init(path: String) throws(SentenceEncoderError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileAccess.openError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw SentenceEncoderError(.fileUnreadable, file: path, "cannot stat (errno \(errno))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SentenceEncoderError(.fileUnreadable, file: path, "not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else { throw SentenceEncoderError(.truncated, file: path, "the file is empty") }
        guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), pointer != MAP_FAILED else {
            throw SentenceEncoderError(.fileUnreadable, file: path, "cannot map the file (errno \(errno))")
        }
        base = UnsafeRawPointer(pointer)
        count = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), count)
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Tells the kernel that the pages of `offset..<offset + length` are read at random (no read-ahead), so
    /// that a lookup table such as the word embeddings is only resident where it is used. Advisory only.
    func adviseRandomAccess(offset: Int, length: Int) {
        advise(offset: offset, length: length, Int32(MADV_RANDOM))
    }

    /// Unmaps the resident pages of `offset..<offset + length` from this process (they stay in the page
    /// cache; the next read maps them again). The mapping is read-only, so no data is lost.
    func releasePages(offset: Int, length: Int) {
        advise(offset: offset, length: length, Int32(MADV_DONTNEED))
    }

    private func advise(offset: Int, length: Int, _ advice: Int32) {
        let page = max(Int(sysconf(Int32(_SC_PAGESIZE))), 1)
        let start = (offset + page - 1) / page * page
        let end = (offset + length) / page * page
        guard start < end, end <= count else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, advice)
    }
}

/// Small helpers for reading whole files without Foundation.
enum FileAccess {
    static func openError(path: String, errno code: Int32) -> SentenceEncoderError {
        if code == ENOENT || code == ENOTDIR {
            return SentenceEncoderError(.fileMissing, file: path, "file not found")
        }
        return SentenceEncoderError(.fileUnreadable, file: path, "cannot open (errno \(code))")
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Reads a whole file of at most `limit` bytes.
    static func readAll(_ path: String, limit: Int) throws(SentenceEncoderError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw openError(path: path, errno: errno) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SentenceEncoderError(.fileUnreadable, file: path, "read failed (errno \(errno))")
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
            guard result.count <= limit else {
                throw SentenceEncoderError(.limitExceeded, file: path, "file is larger than the limit of \(limit) bytes")
            }
        }
        return result
    }

    /// Reads and parses a JSON file.
    static func readJSON(
        _ path: String, limit: Int, keeping: Set<String>? = nil, dropping: Set<String> = []
    ) throws(SentenceEncoderError) -> JSONValue {
        let bytes = try readAll(path, limit: limit)
        do {
            return try JSONParser.parse(bytes, keeping: keeping, dropping: dropping)
        } catch {
            throw SentenceEncoderError(.invalidJSON, file: path, "invalid JSON at byte \(error.offset): \(error.message)")
        }
    }

    /// Joins a directory and a file name with one slash.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension FileAccess {
    /// XXH64 of a whole file, read with `read(2)` in 1 MiB chunks (so the pages are not mapped into this
    /// process), as 16 lower-case hex digits.
    static func xxh64Hex(_ path: String) throws(SentenceEncoderError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw openError(path: path, errno: errno) }
        defer { close(fd) }
        var hasher = XXHash64()
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw SentenceEncoderError(.fileUnreadable, file: path, "read failed (errno \(errno))")
            }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        let value = hasher.finalize()
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
