/// Runs a ``RegexProgram`` over UTF-8 text as a Pike VM: all threads advance together one scalar at a
/// time, at most one thread per instruction, so the time is O(text length × program size) and nothing
/// ever backtracks. Threads are kept in priority order, which gives leftmost-first (RE2/Perl) matches.
///
/// Memory is O(program size) for a search, plus O(live threads × capture slots) for `firstMatch`.
final class RegexPikeVM {
    /// A pending step of the epsilon-closure walk: explore `pc`, or (when `slot >= 0`) restore a slot.
    private struct Work {
        var pc: Int32
        var slot: Int32
        var old: Int
    }

    private let program: RegexProgram
    private let size: Int
    private let slotCount: Int
    /// Three Int32 arrays of `size`: the pcs of the two thread lists and the visit generations.
    private let memory: UnsafeMutablePointer<Int32>
    private let visited: UnsafeMutablePointer<Int32>
    private var generation: Int32 = 0
    /// The closure walk's stack: every pc is expanded at most once per walk, pushing at most two
    /// entries, so `2 × size + 1` entries always suffice.
    private let stack: UnsafeMutablePointer<Work>
    private let stackCapacity: Int
    private var scratch: [Int]
    private var found = false
    /// Work done: one unit per instruction visited and per thread advanced.
    private(set) var steps = 0
    /// The run stops (returning nil with `exhausted` set) once `steps` passes this.
    var maxSteps = Int.max
    private(set) var exhausted = false

    /// `captures`: whether slot positions are wanted (else the run stops at the first match found).
    init(program: RegexProgram, captures: Bool) {
        self.program = program
        size = max(1, program.instructions.count)
        slotCount = captures ? program.slotCount : 0
        memory = .allocate(capacity: 3 * size)
        memory.initialize(repeating: 0, count: 2 * size)
        visited = memory + 2 * size
        visited.initialize(repeating: -1, count: size)
        stackCapacity = 2 * size + 4
        stack = .allocate(capacity: stackCapacity)
        scratch = [Int](repeating: -1, count: slotCount)
    }

    deinit {
        memory.deallocate()
        stack.deallocate()
    }

    /// Runs over `text`; returns the slots of the leftmost-first match (byte offsets, -1 when unset),
    /// an empty array for a match when captures were not asked for, or nil for no match.
    func run(_ text: UnsafeBufferPointer<UInt8>) -> [Int]? {
        program.instructions.withUnsafeBufferPointer { instructions in
            run(text, instructions)
        }
    }

    private func run(_ text: UnsafeBufferPointer<UInt8>, _ instructions: UnsafeBufferPointer<RegexProgram.Instruction>) -> [Int]? {
        let end = text.count
        var position = 0
        var previous: Int32 = -1
        var (scalar, width) = Self.decode(text, at: 0)
        var matched: [Int]? = nil
        var current = memory
        var upcoming = memory + size
        var currentCount = 0
        var upcomingCount = 0
        var currentSlots: [Int] = []
        var upcomingSlots: [Int] = []
        let anchored = program.anchoredAtStart
        while true {
            if matched == nil && (position == 0 || !anchored) {
                for index in 0..<slotCount { scratch[index] = -1 }
                add(instructions, current, &currentCount, &currentSlots, pc: 0, position: position, previous: previous, next: scalar)
                if found { return [] }
            }
            if currentCount == 0 && (matched != nil || anchored) { break }
            steps &+= currentCount
            if steps > maxSteps {
                exhausted = true
                return nil
            }
            var nextScalar: Int32 = -1
            var nextWidth = 0
            if position < end { (nextScalar, nextWidth) = Self.decode(text, at: position + width) }
            generation &+= 1
            if generation == Int32.max {
                // Only after ~2 billion positions; `upcoming` is empty here, so nothing is lost.
                visited.update(repeating: -1, count: size)
                generation = 0
            }
            upcomingCount = 0
            upcomingSlots.removeAll(keepingCapacity: true)
            var index = 0
            threads: while index < currentCount {
                let pc = Int(current[index])
                let instruction = instructions[pc]
                var takes: Bool
                switch instruction.op {
                case .match:
                    if slotCount > 0 {
                        let base = index * slotCount
                        matched = Array(currentSlots[base..<(base + slotCount)])
                    } else {
                        return []
                    }
                    // Lower-priority threads could only give a less preferred match: drop them.
                    break threads
                case .char: takes = scalar == instruction.x
                case .foldChar: takes = scalar >= 0 && Int32(bitPattern: RegexCaseFold.canonical(UInt32(scalar))) == instruction.x
                case .any: takes = scalar >= 0
                case .anyNotNewline: takes = scalar >= 0 && scalar != 10
                case .charClass: takes = scalar >= 0 && classContains(Int(instruction.x), UInt32(scalar))
                default: takes = false
                }
                if takes {
                    if slotCount > 0 {
                        let base = index * slotCount
                        for slot in 0..<slotCount { scratch[slot] = currentSlots[base + slot] }
                    }
                    add(
                        instructions, upcoming, &upcomingCount, &upcomingSlots,
                        pc: pc + 1, position: position + width, previous: scalar, next: nextScalar)
                    if found { return [] }
                }
                index += 1
            }
            swap(&current, &upcoming)
            swap(&currentCount, &upcomingCount)
            swap(&currentSlots, &upcomingSlots)
            if position >= end { break }
            position += width
            previous = scalar
            scalar = nextScalar
            width = nextWidth
        }
        return matched
    }

    @inline(__always)
    private func classContains(_ index: Int, _ c: UInt32) -> Bool {
        program.classes.withUnsafeBufferPointer { classes in
            let set = classes.baseAddress.unsafelyUnwrapped + index
            if c < 64 { return set.pointee.asciiLow & (1 << UInt64(c)) != 0 }
            if c < 128 { return set.pointee.asciiHigh & (1 << UInt64(c - 64)) != 0 }
            return set.pointee.contains(c)
        }
    }

    /// Adds the thread at `pc` and everything reachable from it without consuming text, in priority order.
    private func add(
        _ instructions: UnsafeBufferPointer<RegexProgram.Instruction>, _ list: UnsafeMutablePointer<Int32>, _ count: inout Int,
        _ slots: inout [Int], pc start: Int, position: Int, previous: Int32, next: Int32
    ) {
        var depth = 0
        stack[0] = Work(pc: Int32(truncatingIfNeeded: start), slot: -1, old: 0)
        depth = 1
        while depth > 0 {
            depth -= 1
            let work = stack[depth]
            if work.slot >= 0 {
                scratch[Int(work.slot)] = work.old
                continue
            }
            let pc = Int(work.pc)
            if visited[pc] == generation { continue }
            visited[pc] = generation
            steps &+= 1
            let instruction = instructions[pc]
            // Each pc is expanded once per walk and pushes at most two entries: this never fails.
            guard depth + 2 <= stackCapacity else { continue }
            switch instruction.op {
            case .jump:
                stack[depth] = Work(pc: instruction.x, slot: -1, old: 0)
                depth += 1
            case .split:
                stack[depth] = Work(pc: instruction.y, slot: -1, old: 0)
                stack[depth + 1] = Work(pc: instruction.x, slot: -1, old: 0)
                depth += 2
            case .save:
                let slot = Int(instruction.x)
                if slot < slotCount {
                    stack[depth] = Work(pc: instruction.x, slot: instruction.x, old: scratch[slot])
                    depth += 1
                    scratch[slot] = position
                }
                stack[depth] = Work(pc: Int32(truncatingIfNeeded: pc + 1), slot: -1, old: 0)
                depth += 1
            case .assert:
                let kind = RegexAssertion(rawValue: UInt8(truncatingIfNeeded: instruction.x)) ?? .beginText
                if kind.holds(previous: previous, next: next) {
                    stack[depth] = Work(pc: Int32(truncatingIfNeeded: pc + 1), slot: -1, old: 0)
                    depth += 1
                }
            case .match where slotCount == 0:
                found = true
                return
            default:
                guard count < size else { continue }
                list[count] = Int32(truncatingIfNeeded: pc)
                count += 1
                if slotCount > 0 { slots.append(contentsOf: scratch) }
            }
        }
    }

    /// Decodes the scalar at byte `offset` of valid UTF-8: (value, width), or (-1, 0) at the end.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Int32, Int) {
        let count = text.count
        guard offset < count else { return (-1, 0) }
        let b0 = Int32(text[offset])
        if b0 < 0x80 { return (b0, 1) }
        func tail(_ k: Int) -> Int32 { offset + k < count ? Int32(text[offset + k]) & 0x3F : 0 }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | tail(1), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | tail(1) << 6 | tail(2), 3) }
        return ((b0 & 0x07) << 18 | tail(1) << 12 | tail(2) << 6 | tail(3), 4)
    }
}
