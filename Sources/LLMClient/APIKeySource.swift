import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The API key: fixed, or read from a file and re-read whenever the file's modification time, size or
/// inode changes (one `stat` per request; symlinks followed, as Kubernetes projected volumes need).
final class APIKeySource: Sendable {
    private struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
        var inode: UInt64
    }

    private let fixed: String?
    private let path: String?
    private let cache = Mutex<(stamp: Stamp, key: String)?>(nil)
    static let maxFileBytes = 64 * 1024

    init(key: String?, file: String?) {
        fixed = key
        path = file
    }

    /// The current key, nil when none is configured.
    func current() throws(LLMError) -> String? {
        guard let path else { return fixed }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw LLMError(.configuration, "cannot stat API key file \(path): errno \(errno)")
        }
        let stamp = Stamp(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec), size: Int(info.st_size),
                          inode: UInt64(info.st_ino))
        if let cached = cache.withLock({ $0 }), cached.stamp == stamp { return cached.key }
        let key = try APIKeySource.read(path)
        cache.withLock { $0 = (stamp, key) }
        return key
    }

    private static func read(_ path: String) throws(LLMError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LLMError(.configuration, "cannot open API key file \(path): errno \(errno)") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 { throw LLMError(.configuration, "cannot read API key file \(path): errno \(errno)") }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > maxFileBytes {
                throw LLMError(.configuration, "API key file \(path) is larger than \(maxFileBytes) bytes")
            }
        }
        let key = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        guard !key.isEmpty else { throw LLMError(.configuration, "API key file \(path) is empty") }
        return key
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
