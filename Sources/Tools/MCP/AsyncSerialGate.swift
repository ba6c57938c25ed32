import Synchronization

/// Runs async bodies one at a time, in the order they were asked for.
final class AsyncSerialGate: Sendable {
    private let tail = Mutex<Task<Void, Never>?>(nil)

    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let task = tail.withLock { previous -> Task<T, Never> in
            let before = previous
            let next = Task { () -> T in
                await before?.value
                return await body()
            }
            previous = Task { _ = await next.value }
            return next
        }
        return await task.value
    }
}
