import Foundation
import Synchronization
import Testing

@testable import Analytics

#if canImport(Glibc)
import Glibc
#endif

@Suite struct BackgroundThreadTests {
    private static func niceness() -> Int32 {
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }

    private static func threadID() -> UInt {
        UInt(pthread_self())
    }

    @Test func jobsRunInOrderOnOneThreadAtTheLowerPriority() async {
        let thread = BackgroundThread(niceness: 7)
        let order = Locked<[Int]>([])
        let threads = Locked<Set<UInt>>([])
        let nice = Locked<Set<Int32>>([])
        await withTaskGroup(of: Void.self) { group in
            // Submitted from one task in order, so they must run in that order.
            group.addTask {
                for i in 0..<50 {
                    _ = await thread.perform {
                        order.withLock { $0.append(i) }
                        threads.withLock { _ = $0.insert(Self.threadID()) }
                        nice.withLock { _ = $0.insert(Self.niceness()) }
                    }
                }
            }
        }
        #expect(order.withLock { $0 } == Array(0..<50))
        #expect(threads.withLock { $0.count } == 1)
        #expect(!threads.withLock { $0 }.contains(Self.threadID()))
        #expect(nice.withLock { $0 } == [7])
        let value = await thread.perform { 6 * 7 }
        #expect(value == 42)
    }

    @Test func jobsAfterStopStillRun() async {
        let thread = BackgroundThread(niceness: 0)
        #expect(await thread.perform { 1 } == 1)
        thread.stop()
        // Nothing is lost after a stop: the job runs on the caller's thread.
        #expect(await thread.perform { 2 } == 2)
    }

    @Test func niceValueOutOfRangeIsClamped() {
        #expect(BackgroundThread(niceness: 99).niceness == 19)
        #expect(BackgroundThread(niceness: -5).niceness == 0)
    }
}
