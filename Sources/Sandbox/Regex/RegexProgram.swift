/// A compiled pattern: instructions for the Pike VM (see ``RegexPikeVM``).
struct RegexProgram: Sendable {
    enum Op: UInt8, Sendable {
        /// Consume scalar `x`.
        case char
        /// Consume a scalar whose case-fold canonical form is `x`.
        case foldChar
        /// Consume any scalar.
        case any
        /// Consume any scalar but `\n`.
        case anyNotNewline
        /// Consume a scalar in `classes[x]`.
        case charClass
        /// Continue at `x` (preferred) and at `y`.
        case split
        /// Continue at `x`.
        case jump
        /// Record the position in capture slot `x`, continue at the next instruction.
        case save
        /// Continue at the next instruction if assertion `x` holds.
        case assert
        /// The pattern matched.
        case match
    }

    struct Instruction: Sendable {
        var op: Op
        var x: Int32
        var y: Int32
    }

    var instructions: [Instruction] = []
    var classes: [RegexCharClass] = []
    /// Two slots per group, group 0 included.
    var slotCount = 2
    /// Whether every match starts at the beginning of the text.
    var anchoredAtStart = false
}
