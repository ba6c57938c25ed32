import Synchronization

/// Cost shared by the contexts of one run (concurrent `let`s and fan-outs flush into it).
final class SharedBudget: Sendable {
    let spent = Atomic<Int>(0)
    let cancelled = Atomic<Bool>(false)
}

/// Mutable state of one evaluation: variable slots, the cost counter and the limit checks.
/// Each context is used by one task at a time: concurrent branches get their own `fork()`.
final class EvalContext: @unchecked Sendable {
    struct Counters {
        /// Cost units spent locally since the last flush.
        var cost = 0
        var ticks = 0
    }

    /// Variable slots. A raw buffer (not an array in a class property) so that the hot loop pays
    /// no exclusivity checks; indices come from the compiler and are always < slotCount.
    let slots: UnsafeMutablePointer<Value>
    let slotCount: Int
    private let counters: UnsafeMutablePointer<Counters>
    let limits: Limits
    let deadline: ContinuousClock.Instant
    let shared: SharedBudget

    init(slotCount: Int, limits: Limits, deadline: ContinuousClock.Instant, shared: SharedBudget) {
        self.slotCount = slotCount
        slots = UnsafeMutablePointer<Value>.allocate(capacity: max(1, slotCount))
        slots.initialize(repeating: .null, count: max(1, slotCount))
        counters = UnsafeMutablePointer<Counters>.allocate(capacity: 1)
        counters.initialize(to: Counters())
        self.limits = limits
        self.deadline = deadline
        self.shared = shared
    }

    deinit {
        slots.deinitialize(count: max(1, slotCount))
        slots.deallocate()
        counters.deinitialize(count: 1)
        counters.deallocate()
    }

    var cost: Int { counters.pointee.cost }

    /// The slot values as an array.
    var slotValues: [Value] { Array(UnsafeBufferPointer(start: slots, count: slotCount)) }

    /// Replaces the slot values (same count).
    func load(_ values: [Value]) {
        for i in 0..<min(values.count, slotCount) { slots[i] = values[i] }
    }

    /// A context for a concurrent branch: same slots and limits, its own cost counter.
    func fork() -> EvalContext {
        let c = EvalContext(slotCount: slotCount, limits: limits, deadline: deadline, shared: shared)
        for i in 0..<slotCount { c.slots[i] = slots[i] }
        return c
    }

    /// Counts one comprehension iteration; every 128 iterations (or when much cost accrued)
    /// checks budget, deadline and cancellation.
    @inline(__always)
    func tick(_ units: Int) throws(SandboxError) {
        counters.pointee.cost &+= units
        counters.pointee.ticks &+= 1
        if counters.pointee.ticks & 127 == 0 || counters.pointee.cost > 1 << 16 { try checkpoint() }
    }

    @inline(__always)
    func charge(_ units: Int) { counters.pointee.cost &+= units }

    /// Cost units left before `maxCost` (never negative), counting this context's unflushed cost.
    func remainingCost() -> Int {
        let spent = shared.spent.load(ordering: .relaxed) &+ counters.pointee.cost
        return max(0, limits.maxCost &- spent)
    }

    func checkpoint() throws(SandboxError) {
        let total = shared.spent.add(counters.pointee.cost, ordering: .relaxed).newValue
        counters.pointee.cost = 0
        if total > limits.maxCost {
            throw SandboxError(.budget, "cost budget exceeded: \(total) units spent, limit maxCost is \(limits.maxCost)", limit: "maxCost")
        }
        if ContinuousClock.now > deadline {
            throw SandboxError(.deadline, "deadline exceeded: the limit deadlineMilliseconds is \(limits.deadlineMilliseconds) ms", limit: "deadlineMilliseconds")
        }
        if Task.isCancelled || shared.cancelled.load(ordering: .relaxed) {
            throw SandboxError(.cancelled, "evaluation cancelled")
        }
    }

    // MARK: - value size checks (where values are made)

    @inline(__always)
    func checkString(_ s: String, _ n: Node) throws(SandboxError) {
        let b = s.utf8.count
        charge(b / 10)
        if b > limits.maxStringBytes {
            throw .limit("maxStringBytes", "string of \(b) bytes is over the limit of \(limits.maxStringBytes)", line: Int(n.line), column: Int(n.column))
        }
    }

    @inline(__always)
    func checkCount(_ count: Int, _ n: Node) throws(SandboxError) {
        charge(count)
        if count > limits.maxCollectionEntries {
            throw .limit("maxCollectionEntries", "collection of \(count) entries is over the limit of \(limits.maxCollectionEntries)", line: Int(n.line), column: Int(n.column))
        }
    }

    func checkValue(_ v: Value, line: Int, column: Int) throws(SandboxError) {
        let size = v.estimatedSize(limit: limits.maxValueBytes)
        if size > limits.maxValueBytes {
            throw .limit("maxValueBytes", "value of about \(size) bytes is over the limit of \(limits.maxValueBytes)", line: line, column: column)
        }
    }
}

extension Value {
    /// An estimate of the value's size in bytes; stops counting past `limit`.
    public func estimatedSize(limit: Int = Int.max) -> Int {
        var total = 0
        func walk(_ v: Value) {
            if total > limit { return }
            switch v {
            case .null, .bool: total += 1
            case .int, .uint, .double: total += 8
            case .string(let s): total += s.utf8.count + 2
            case .bytes(let b): total += b.count + 2
            case .type(let t): total += t.rawValue.utf8.count
            case .error(let e): total += e.message.utf8.count
            case .list(let xs):
                total += 2
                for x in xs { walk(x); if total > limit { return } }
            case .map(let m):
                total += 2
                for (k, x) in m.entries { walk(k); walk(x); if total > limit { return } }
            }
        }
        walk(self)
        return total
    }
}
