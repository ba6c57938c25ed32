#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts work on a POSIX thread of its own, detached: for the few places that must not run on Swift's
/// cooperative pool (one thread per core, shared with request handling) because they block: the curl
/// driver's event loop, the encoder's forward passes, the analytics writer's commits.
public enum DetachedThread {
    private final class Work: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread. Returns 0 when the thread started, otherwise
    /// `pthread_create`'s error code (`body` then has not run and never will).
    /// - Parameter name: the thread's name as `top -H`, `ps -L` and profilers show it (Linux keeps the
    ///   first 15 bytes); without one the thread would carry its creator's name, usually a pool thread's.
    @discardableResult
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) -> Int32 {
        let named: @Sendable () -> Void = {
            setCurrentName(name)
            body()
        }
        let argument = Unmanaged.passRetained(Work(named)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, argument)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(argument).release()
            return status
        }
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
        return 0
    }

    /// Names the calling thread (truncated to the 15 bytes Linux keeps, at a character boundary).
    public static func setCurrentName(_ name: String) {
        let utf8 = Array(name.utf8)
        var end = min(utf8.count, 15)
        // Back up to the start of a character when the cut falls inside one (on a continuation byte).
        while end > 0, end < utf8.count, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        let bytes = utf8[..<end]
        #if os(Linux)
        // Glibc's module does not export pthread_setname_np (a GNU extension) and prctl is variadic;
        // the kernel takes the name written to the calling thread's comm file as well.
        let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #endif
    }
}
