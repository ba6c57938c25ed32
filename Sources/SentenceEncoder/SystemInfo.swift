#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Processor count and OpenBLAS's thread setting.
enum SystemInfo {
    static var processorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// Calls `openblas_set_num_threads` when the BLAS in use is OpenBLAS (looked up at run time, so that any
    /// other BLAS still works).
    static func setBLASThreads(_ threads: Int) throws(SentenceEncoderError) {
        guard threads > 0, let count = Int32(exactly: threads) else {
            throw SentenceEncoderError(.limitExceeded, "blasThreads = \(threads) must be a positive number")
        }
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(handle) }
        guard let symbol = dlsym(handle, "openblas_set_num_threads") else { return }
        typealias SetThreads = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: SetThreads.self)(count)
    }

    /// OpenBLAS's current thread count, or nil when the BLAS is not OpenBLAS.
    static func blasThreads() -> Int? {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(handle) }
        guard let symbol = dlsym(handle, "openblas_get_num_threads") else { return nil }
        typealias GetThreads = @convention(c) () -> Int32
        return Int(unsafeBitCast(symbol, to: GetThreads.self)())
    }
}
