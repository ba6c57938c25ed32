/// Runs a ``RegexProgram`` over UTF-8 text as a Pike VM: all threads advance together one scalar at a
/// time, at most one thread per instruction, so the time is O(text length × program size) and nothing
/// ever backtracks. Threads are kept in priority order, which gives leftmost-first (RE2/Perl) matches.
struct RegexPikeVM {
    private struct ThreadList {
        var pcs: [Int32]
        var count = 0
        var slots: [Int]

        init(capacity: Int, slotCount: Int) {
            pcs = [Int32](repeating: 0, count: capacity)
            slots = [Int](repeating: -1, count: capacity * slotCount)
        }
    }

    /// A pending step of the epsilon-closure walk: explore `pc`, or (when `slot >= 0`) restore a slot.
    private struct Work {
        var pc: Int32
        var slot: Int32
        var old: Int
    }

    private let program: RegexProgram
    private let instructions: [RegexProgram.Instruction]
    private let slotCount: Int
    private let capacity: Int
    /// The generation in which each instruction was last visited, so each is added at most once per position.
    private var visited: [Int]
    private var generation = 0
    private var scratch: [Int]
    private var stack: [Work] = []
    private var found = false

    /// `captures`: whether slot positions are wanted (else the run stops at the first match found).
    init(program: RegexProgram, captures: Bool) {
        self.program = program
        self.instructions = program.instructions
        self.slotCount = captures ? program.slotCount : 0
        let size = program.instructions.count
        capacity = size
        visited = [Int](repeating: -1, count: size)
        scratch = [Int](repeating: -1, count: slotCount)
        stack.reserveCapacity(16)
    }

    /// Runs over `text`; returns the slots of the leftmost-first match (byte offsets, -1 when unset),
    /// an empty array for a match when captures were not asked for, or nil for no match.
    mutating func run(_ text: UnsafeBufferPointer<UInt8>) -> [Int]? {
        let end = text.count
        var position = 0
        var previous: Int32 = -1
        var (scalar, width) = Self.decode(text, at: 0)
        var matched: [Int]? = nil
        var current = ThreadList(capacity: capacity, slotCount: slotCount)
        var upcoming = ThreadList(capacity: capacity, slotCount: slotCount)
        generation = 0
        while true {
            if matched == nil && (position == 0 || !program.anchoredAtStart) {
                for index in 0..<slotCount { scratch[index] = -1 }
                add(to: &current, pc: 0, position: position, previous: previous, next: scalar)
                if found { return [] }
            }
            if current.count == 0 && (matched != nil || program.anchoredAtStart) { break }
            var nextScalar: Int32 = -1
            var nextWidth = 0
            if position < end { (nextScalar, nextWidth) = Self.decode(text, at: position + width) }
            generation += 1
            upcoming.count = 0
            var index = 0
            threads: while index < current.count {
                let pc = Int(current.pcs[index])
                let instruction = instructions[pc]
                var takes = false
                switch instruction.op {
                case .match:
                    if slotCount > 0 {
                        let base = index * slotCount
                        matched = Array(current.slots[base..<(base + slotCount)])
                    } else {
                        return []
                    }
                    // Lower-priority threads can only give a later-preferred match: drop them.
                    break threads
                case .char: takes = scalar == instruction.x
                case .foldChar: takes = scalar >= 0 && Int32(bitPattern: RegexCaseFold.canonical(UInt32(scalar))) == instruction.x
                case .any: takes = scalar >= 0
                case .anyNotNewline: takes = scalar >= 0 && scalar != 10
                case .charClass: takes = scalar >= 0 && program.classes[Int(instruction.x)].contains(UInt32(scalar))
                default: takes = false
                }
                if takes {
                    if slotCount > 0 {
                        let base = index * slotCount
                        for slot in 0..<slotCount { scratch[slot] = current.slots[base + slot] }
                    }
                    add(to: &upcoming, pc: pc + 1, position: position + width, previous: scalar, next: nextScalar)
                    if found { return [] }
                }
                index += 1
            }
            swap(&current, &upcoming)
            if position >= end { break }
            position += width
            previous = scalar
            scalar = nextScalar
            width = nextWidth
        }
        return matched
    }

    /// Adds the thread at `pc` and everything reachable from it without consuming text, in priority order.
    private mutating func add(to list: inout ThreadList, pc start: Int, position: Int, previous: Int32, next: Int32) {
        stack.append(Work(pc: Int32(truncatingIfNeeded: start), slot: -1, old: 0))
        while let work = stack.popLast() {
            if work.slot >= 0 {
                scratch[Int(work.slot)] = work.old
                continue
            }
            let pc = Int(work.pc)
            if visited[pc] == generation { continue }
            visited[pc] = generation
            let instruction = instructions[pc]
            switch instruction.op {
            case .jump:
                stack.append(Work(pc: instruction.x, slot: -1, old: 0))
            case .split:
                stack.append(Work(pc: instruction.y, slot: -1, old: 0))
                stack.append(Work(pc: instruction.x, slot: -1, old: 0))
            case .save:
                let slot = Int(instruction.x)
                if slot < slotCount {
                    stack.append(Work(pc: instruction.x, slot: instruction.x, old: scratch[slot]))
                    scratch[slot] = position
                }
                stack.append(Work(pc: Int32(truncatingIfNeeded: pc + 1), slot: -1, old: 0))
            case .assert:
                let kind = RegexAssertion(rawValue: UInt8(truncatingIfNeeded: instruction.x)) ?? .beginText
                if kind.holds(previous: previous, next: next) {
                    stack.append(Work(pc: Int32(truncatingIfNeeded: pc + 1), slot: -1, old: 0))
                }
            case .match where slotCount == 0:
                found = true
                stack.removeAll(keepingCapacity: true)
                return
            default:
                let index = list.count
                list.pcs[index] = Int32(truncatingIfNeeded: pc)
                if slotCount > 0 {
                    let base = index * slotCount
                    for slot in 0..<slotCount { list.slots[base + slot] = scratch[slot] }
                }
                list.count = index + 1
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
