import Testing

@testable import Sandbox

@Suite("DeadlineWaiter")
struct DeadlineWaiterTests {
    @Test("a wait ends at its deadline, not before")
    func endsAtTheDeadline() async throws {
        let waiter = DeadlineWaiter()
        let start = ContinuousClock.now
        try await waiter.wait(for: .milliseconds(40))
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(40))
        #expect(elapsed < .seconds(10))  // generous: other suites may hold the cooperative pool for seconds
        #expect(waiter.pendingCount == 0)
    }

    @Test("cancelled waits end at once and leave nothing behind")
    func cancelledWaitsLeaveNothing() async throws {
        let waiter = DeadlineWaiter()
        let start = ContinuousClock.now
        // What a plan run does with its deadline: race it against the work, cancel it when the work wins.
        for _ in 0..<2_000 {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    do {
                        try await waiter.wait(for: .seconds(60))
                        return true
                    } catch {
                        return false
                    }
                }
                group.addTask { false }
                _ = await group.next()
                group.cancelAll()
                for await reachedDeadline in group { #expect(!reachedDeadline) }
            }
        }
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(waiter.pendingCount == 0)
    }

    @Test("a wait in a task cancelled before it starts throws at once")
    func alreadyCancelled() async {
        let waiter = DeadlineWaiter()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            do {
                try await waiter.wait(for: .seconds(60))
                return false
            } catch {
                return error is CancellationError
            }
        }
        #expect(await task.value)
        #expect(waiter.pendingCount == 0)
    }

    @Test("many waits of different lengths each end at their own deadline")
    func manyDeadlines() async throws {
        let waiter = DeadlineWaiter()
        let start = ContinuousClock.now
        let ends = try await withThrowingTaskGroup(of: (Int, Duration).self) { group in
            for ms in stride(from: 10, through: 100, by: 10) {
                group.addTask {
                    try await waiter.wait(for: .milliseconds(ms))
                    return (ms, ContinuousClock.now - start)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(ends.count == 10)
        for (ms, elapsed) in ends { #expect(elapsed >= .milliseconds(ms), "\(ms) ms wait ended after \(elapsed)") }
        #expect(waiter.pendingCount == 0)
    }
}
