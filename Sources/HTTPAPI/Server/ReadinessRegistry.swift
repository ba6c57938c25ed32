import Synchronization

/// What one readiness check reports.
public struct ReadinessReport: Sendable, Equatable {
    public var ready: Bool
    /// Shown in `/ready`'s body (e.g. "BM25 only: no embedding model configured").
    public var message: String

    public init(ready: Bool, message: String) {
        self.ready = ready
        self.message = message
    }

    public static func ready(_ message: String = "ok") -> ReadinessReport { .init(ready: true, message: message) }
    public static func notReady(_ message: String) -> ReadinessReport { .init(ready: false, message: message) }
}

/// Subsystems register readiness checks here; `GET /ready` answers 200 only when all pass.
///
/// A check runs on every `/ready` request and must be cheap (read a flag, not rebuild an index);
/// one that takes longer than `timeout` counts as not ready.
public final class ReadinessRegistry: Sendable {
    public typealias Check = @Sendable () async -> ReadinessReport

    private let checks: Mutex<[(name: String, check: Check)]>
    public let timeout: Duration

    public init(timeout: Duration = .seconds(2)) {
        self.checks = Mutex([])
        self.timeout = timeout
    }

    /// Adds (or replaces, by name) a check.
    public func register(_ name: String, check: @escaping Check) {
        checks.withLock { list in
            list.removeAll { $0.name == name }
            list.append((name, check))
        }
    }

    public var names: [String] { checks.withLock { $0.map(\.name) } }

    /// Runs every check concurrently; results in registration order.
    public func evaluate() async -> [(name: String, report: ReadinessReport)] {
        let list = checks.withLock { $0 }
        let timeout = self.timeout
        return await withTaskGroup(of: (Int, ReadinessReport).self) { group in
            for (index, entry) in list.enumerated() {
                group.addTask {
                    await Self.run(entry.check, timeout: timeout).map { (index, $0) }
                        ?? (index, .notReady("check did not answer within \(timeout)"))
                }
            }
            var results = [ReadinessReport?](repeating: nil, count: list.count)
            for await (index, report) in group {
                results[index] = report
            }
            return list.enumerated().map { index, entry in
                (entry.name, results[index] ?? .notReady("check did not run"))
            }
        }
    }

    private static func run(_ check: @escaping Check, timeout: Duration) async -> ReadinessReport? {
        await withTaskGroup(of: ReadinessReport?.self) { group in
            group.addTask { await check() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
