#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
import ThreadSupport

@Suite struct DetachedThreadTests {
    /// The calling thread's name as the kernel reports it.
    private static func currentName() -> String {
        guard let file = fopen("/proc/thread-self/comm", "r") else { return "(comm unreadable)" }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return "(comm empty)" }
        let bytes = buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func nameSeen(starting name: String) async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let status = DetachedThread.start(name: name) { continuation.resume(returning: currentName()) }
            if status != 0 { continuation.resume(returning: "pthread_create failed: \(status)") }
        }
    }

    @Test func theThreadRunsUnderItsName() async {
        #expect(await Self.nameSeen(starting: "quiver-test") == "quiver-test")
    }

    @Test func longNamesKeepTheFirst15Bytes() async {
        #expect(await Self.nameSeen(starting: "quiver-analytics-writer") == "quiver-analytic")
    }

    @Test func multiByteCharactersAreNotCut() async {
        // 15 bytes end exactly after "ö" here: it is kept whole.
        #expect(await Self.nameSeen(starting: "quiver-ünïcödé") == "quiver-ünïcö")
        // Here byte 15 is the first half of "ö": the name stops before it.
        #expect(await Self.nameSeen(starting: "quiver-ünïcdöé") == "quiver-ünïcd")
    }
}
