#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Kernel randomness for identifiers, read from `/dev/urandom` 4 KiB at a time.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` system call per 8 bytes: two per run id, about 1 µs
/// of a plan run's request path. Reading 512 words at once makes that one call per 256 ids. The words are
/// the kernel's, as before (never derived from one another), so ids stay unguessable. If `/dev/urandom`
/// cannot be opened or read (a sandbox without `/dev`), each word comes from `SystemRandomNumberGenerator`.
public final class RandomPool: Sendable {
    /// The process's pool.
    public static let shared = RandomPool()

    /// Words read per refill.
    static let wordsPerRefill = 512

    private struct State: ~Copyable {
        var words: [UInt64] = []
        var next = 0
        /// `/dev/urandom`, opened on first use; -1 once opening failed.
        var descriptor: Int32?
    }

    private let state = Mutex(State())

    public init() {}

    /// A random 64-bit word.
    public func next() -> UInt64 {
        state.withLock { s in
            if s.next == s.words.count, !Self.refill(&s) {
                var generator = SystemRandomNumberGenerator()
                return generator.next()
            }
            let word = s.words[s.next]
            s.next += 1
            return word
        }
    }

    /// Reads `wordsPerRefill` words; false (and nothing changed) when `/dev/urandom` is not usable.
    private static func refill(_ s: inout State) -> Bool {
        if s.descriptor == nil {
            s.descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        }
        guard let descriptor = s.descriptor, descriptor >= 0 else { return false }
        var words = [UInt64](repeating: 0, count: wordsPerRefill)
        let complete = words.withUnsafeMutableBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var done = 0
            while done < buffer.count {
                let got = read(descriptor, base + done, buffer.count - done)
                if got > 0 {
                    done += got
                } else if got < 0, errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
        guard complete else { return false }
        s.words = words
        s.next = 0
        return true
    }
}
