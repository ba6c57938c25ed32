import Synchronization

/// The bounded in-memory queue between request tasks and the writer. Producers never touch the disk;
/// they append (or wait for room, or give up) under a lock and wake the writer.
final class WriteQueue: Sendable {
    typealias Ack = CheckedContinuation<RecordOutcome, Never>

    struct Item: Sendable {
        let run: RunRecord
        /// Resumed after commit (durability `full`); nil for `normal`.
        let ack: Ack?
    }

    /// Items as two parallel arrays, kept in step only here: the queue holds its items in one, and the writer
    /// takes them as one. The runs go to `AnalyticsStore.write` as they are, with no copy of every run (and a
    /// retain of each of its strings and arrays) to make that array.
    struct Batch: Sendable {
        var runs: [RunRecord] = []
        var acks: [Ack?] = []

        var count: Int { runs.count }

        static func += (batch: inout Batch, more: Batch) {
            batch.runs += more.runs
            batch.acks += more.acks
        }

        mutating func append(_ item: Item) {
            runs.append(item.run)
            acks.append(item.ack)
        }

        /// The items in `range`, copied.
        subscript(range: Range<Int>) -> Batch {
            Batch(runs: Array(runs[range]), acks: Array(acks[range]))
        }

        mutating func removeFirst(_ k: Int) {
            runs.removeFirst(k)
            acks.removeFirst(k)
        }

        mutating func removeAll(keepingCapacity keep: Bool) {
            runs.removeAll(keepingCapacity: keep)
            acks.removeAll(keepingCapacity: keep)
        }
    }

    enum Offer: Equatable {
        case accepted(depth: Int)
        case full
        case closed
    }

    private struct State {
        /// Queued items from `head` on (those before it were taken).
        var items = Batch()
        /// Empty buffers, with the capacity of a written batch, for the next take (see ``recycle(_:)``).
        var spare: Batch?
        var head = 0
        var spaceWaiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
        var cancelledWaiters: Set<UInt64> = []
        var nextWaiterID: UInt64 = 0
        var writer: CheckedContinuation<Void, Never>?
        var closed = false

        var count: Int { items.count - head }
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    var depth: Int { state.withLock { $0.count } }

    /// Producers waiting for room (policy `block`).
    var waitingProducers: Int { state.withLock { $0.spaceWaiters.count } }

    /// Appends `item` if there is room and the queue is open.
    func offer(_ item: Item) -> Offer {
        state.withLock { s in
            if s.closed { return .closed }
            guard s.count < capacity else { return .full }
            s.items.append(item)
            if let writer = s.writer {
                s.writer = nil
                writer.resume()
            }
            return .accepted(depth: s.count)
        }
    }

    /// Waits until the queue has room. Returns false when the queue closed or the task was cancelled.
    func waitForSpace() async -> Bool {
        let id = state.withLock { s in
            s.nextWaiterID &+= 1
            return s.nextWaiterID
        }
        // A cancellation that raced with a normal wake-up leaves the id behind; drop it.
        defer { state.withLock { _ = $0.cancelledWaiters.remove(id) } }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                state.withLock { s in
                    if s.closed || s.cancelledWaiters.remove(id) != nil {
                        continuation.resume(returning: false)
                    } else if s.count < capacity {
                        continuation.resume(returning: true)
                    } else {
                        s.spaceWaiters.append((id, continuation))
                    }
                }
            }
        } onCancel: {
            state.withLock { s in
                if let index = s.spaceWaiters.firstIndex(where: { $0.id == id }) {
                    s.spaceWaiters.remove(at: index).continuation.resume(returning: false)
                } else {
                    s.cancelledWaiters.insert(id)
                }
            }
        }
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Up to `max` items already queued, without waiting (empty when there are none).
    func takeAvailable(max: Int) -> Batch {
        guard max > 0 else { return Batch() }
        return state.withLock { s in s.count > 0 ? Self.take(max, from: &s) : Batch() }
    }

    /// Removes up to `max` items from the front (the queue is not empty) and wakes producers waiting for room.
    private static func take(_ max: Int, from s: inout State) -> Batch {
        if s.head == 0, s.items.count <= max {
            // The usual case, everything queued: hand over the buffers themselves instead of copying (and
            // retaining) every run under the lock that producers wait on, and go on in the spare buffers of a
            // written batch: no allocation under the lock, and no page faults on fresh memory while producers
            // append under it.
            let batch = s.items
            s.items = s.spare.take() ?? Batch()
            wakeSpaceWaiters(room: batch.count, in: &s)
            return batch
        }
        let end = s.head + Swift.min(max, s.count)
        let batch = s.items[s.head..<end]
        s.head = end
        if s.head == s.items.count {
            s.items.removeAll(keepingCapacity: true)
            s.head = 0
        } else if s.head > 1_024 && s.head * 2 > s.items.count {
            s.items.removeFirst(s.head)
            s.head = 0
        }
        wakeSpaceWaiters(room: batch.count, in: &s)
        return batch
    }

    private static func wakeSpaceWaiters(room freed: Int, in s: inout State) {
        let room = Swift.min(freed, s.spaceWaiters.count)
        for waiter in s.spaceWaiters.prefix(room) { waiter.continuation.resume(returning: true) }
        s.spaceWaiters.removeFirst(room)
    }

    /// The writer's side: up to `max` items, waiting while the queue is empty. Nil once the queue is
    /// closed and drained.
    func takeBatch(max: Int) async -> Batch? {
        while true {
            let taken: Batch?? = state.withLock { s in
                if s.count > 0 { return .some(Self.take(max, from: &s)) }
                return s.closed ? .some(nil) : nil
            }
            if let taken { return taken }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                state.withLock { s in
                    if s.count > 0 || s.closed {
                        continuation.resume()
                    } else {
                        s.writer = continuation
                    }
                }
            }
        }
    }

    /// Takes back a written batch's buffers for a later take: its runs are released here, on the caller's
    /// thread (the writer's), and its arrays keep their capacity.
    func recycle(_ batch: consuming Batch) {
        var buffers = batch
        buffers.removeAll(keepingCapacity: true)
        state.withLock { s in
            if s.spare == nil { s.spare = buffers }
        }
    }

    /// Stops accepting items; waiting producers give up, the writer drains what is left.
    func close() {
        state.withLock { s in
            s.closed = true
            for waiter in s.spaceWaiters { waiter.continuation.resume(returning: false) }
            s.spaceWaiters.removeAll()
            if let writer = s.writer {
                s.writer = nil
                writer.resume()
            }
        }
    }
}
