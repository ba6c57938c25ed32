/// Compiles a ``RegexNode`` tree into a ``RegexProgram`` (Thompson's construction).
struct RegexCompiler {
    private var program = RegexProgram()
    private let limit: Int

    /// Compiles `node`, with `captureCount` groups besides group 0.
    static func compile(_ node: RegexNode, captureCount: Int, limits: RegexLimits) throws(RegexError) -> RegexProgram {
        var compiler = RegexCompiler(limit: limits.maxProgramSize)
        compiler.program.slotCount = 2 * (captureCount + 1)
        compiler.program.anchoredAtStart = node.isAnchoredAtStart
        try compiler.emit(.save, 0)
        try compiler.emit(node)
        try compiler.emit(.save, 1)
        try compiler.emit(.match)
        return compiler.program
    }

    private init(limit: Int) { self.limit = limit }

    private var next: Int32 { Int32(truncatingIfNeeded: program.instructions.count) }

    @discardableResult
    private mutating func emit(_ op: RegexProgram.Op, _ x: Int32 = 0, _ y: Int32 = 0) throws(RegexError) -> Int {
        guard program.instructions.count < limit else {
            throw RegexError(
                code: .limit,
                message: "compiled program is over the limit of \(limit) instructions (maxProgramSize)",
                position: 0)
        }
        program.instructions.append(.init(op: op, x: x, y: y))
        return program.instructions.count - 1
    }

    private mutating func patchX(_ at: Int, _ target: Int32) { program.instructions[at].x = target }
    private mutating func patchY(_ at: Int, _ target: Int32) { program.instructions[at].y = target }

    private mutating func emit(_ node: RegexNode) throws(RegexError) {
        switch node {
        case .empty:
            break
        case .literal(let value, let fold):
            try emit(fold ? .foldChar : .char, Int32(bitPattern: value))
        case .anyChar(let dotAll):
            try emit(dotAll ? .any : .anyNotNewline)
        case .charClass(let set):
            program.classes.append(set)
            try emit(.charClass, Int32(truncatingIfNeeded: program.classes.count - 1))
        case .assertion(let kind):
            try emit(.assert, Int32(kind.rawValue))
        case .capture(let index, let inner):
            try emit(.save, Int32(truncatingIfNeeded: 2 * index))
            try emit(inner)
            try emit(.save, Int32(truncatingIfNeeded: 2 * index + 1))
        case .concat(let items):
            for item in items { try emit(item) }
        case .alternate(let branches):
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index == branches.count - 1 {
                    try emit(branch)
                } else {
                    let split = try emit(.split)
                    patchX(split, next)
                    try emit(branch)
                    jumps.append(try emit(.jump))
                    patchY(split, next)
                }
            }
            for jump in jumps { patchX(jump, next) }
        case .repetition(let inner, let min, let max, let greedy):
            try emitRepetition(inner, min: min, max: max, greedy: greedy)
        }
    }

    private mutating func emitRepetition(_ inner: RegexNode, min: Int, max: Int?, greedy: Bool) throws(RegexError) {
        // A body that compiles to nothing (e.g. `(?:a{0}){1000}`) is not repeated: nothing to loop over.
        let before = program.instructions.count
        try emit(inner)
        let size = program.instructions.count - before
        program.instructions.removeLast(size)
        if size == 0 || max == 0 { return }
        guard let max else {
            if min == 0 && inner.canMatchEmpty {
                // x* as (x+)? when x can match empty, as RE2 does: an empty iteration must not be
                // preferred over leaving the loop (Perl's order; `(|a)*` matches "" in "aa").
                let split = try emit(.split)
                try emitRepetition(inner, min: 1, max: nil, greedy: greedy)
                setBranches(split, body: Int32(truncatingIfNeeded: split + 1), out: next, greedy: greedy)
                return
            }
            if min == 0 {
                // L: split body, out; body; jump L; out:
                let split = try emit(.split)
                try emit(inner)
                try emit(.jump, Int32(truncatingIfNeeded: split))
                setBranches(split, body: Int32(truncatingIfNeeded: split + 1), out: next, greedy: greedy)
                return
            }
            for _ in 0..<(min - 1) { try emit(inner) }
            // L: body; split L, out
            let start = next
            try emit(inner)
            let split = try emit(.split)
            setBranches(split, body: start, out: next, greedy: greedy)
            return
        }
        for _ in 0..<min { try emit(inner) }
        var splits: [Int] = []
        for _ in min..<max {
            let split = try emit(.split)
            splits.append(split)
            try emit(inner)
        }
        for split in splits { setBranches(split, body: Int32(truncatingIfNeeded: split + 1), out: next, greedy: greedy) }
    }

    private mutating func setBranches(_ split: Int, body: Int32, out: Int32, greedy: Bool) {
        if greedy {
            patchX(split, body)
            patchY(split, out)
        } else {
            patchX(split, out)
            patchY(split, body)
        }
    }
}
