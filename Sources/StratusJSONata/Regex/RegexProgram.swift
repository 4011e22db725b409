/// The compiled, immutable form of a regular expression: instructions for the backtracking machine in
/// `RegexMachine`.
///
/// Capture slots: `2 * n` is the start and `2 * n + 1` the end of capture `n` (capture 0 is the whole match).
/// Registers hold loop-entry positions for ECMAScript's empty-iteration check.
struct RegexProgram: Sendable {
    /// What a consuming instruction accepts.
    enum Test: Sendable {
        case character(UInt32)
        case any
        /// A character class, by index into `RegexProgram.sets` (keeps instructions free of reference counting).
        case set(Int)
    }

    /// One machine instruction.
    enum Instruction: Sendable {
        /// Consume one scalar that passes `test` (moving left when `backward`).
        case consume(Test, backward: Bool)
        case lineStart
        case lineEnd
        case wordBoundary(Bool)
        /// Try `first`; on failure resume at `second` (same position).
        case split(first: Int, second: Int)
        case jump(Int)
        /// Record the current position in a capture slot.
        case save(slot: Int)
        /// Clear the captures with numbers in `range` (start of a quantified iteration).
        case resetCaptures(ClosedRange<Int>)
        /// Store the current position in a register.
        case mark(register: Int)
        /// Fail if the position equals the register (an iteration that consumed nothing).
        case requireProgress(register: Int)
        /// Set a counter register to zero.
        case resetCounter(register: Int)
        /// Add one to a counter register.
        case incrementCounter(register: Int)
        /// Head of a counted loop `{minimum,maximum}`: iterate (next instruction) while below `minimum`, leave
        /// (at `exit`) at `maximum`, otherwise try both in greedy or lazy order.
        case countedLoop(counter: Int, minimum: Int, maximum: Int?, greedy: Bool, exit: Int)
        /// Like `requireProgress`, but only for iterations beyond the mandatory `minimum` (counter not yet
        /// incremented).
        case requireProgressIfOptional(register: Int, counter: Int, minimum: Int)
        /// A quantified single-character test (`\\w+`, `.*?`, `[a-z]{2,5}`), forward only: consumes `minimum`…
        /// `maximum` characters that pass `test`, greedy (longest first) or lazy, backtracking one character at a
        /// time. Equivalent to the general loop because the body cannot match empty and holds no captures.
        case repeatConsume(Test, minimum: Int, maximum: Int?, greedy: Bool)
        /// Match the text of a capture again (moving left when `backward`).
        case backreference(Int, backward: Bool)
        /// Run the sub-program starting at the next instruction (ending in `.succeed`) as a zero-width
        /// assertion, then continue at `next`.
        case lookaround(negated: Bool, next: Int)
        /// The (sub-)program matched.
        case succeed
    }

    var instructions: [Instruction]
    /// The character classes that `.set` tests refer to.
    var sets: [RegexCharacterSet]
    var captureCount: Int
    var registerCount: Int
    var ignoreCase: Bool
    var multiline: Bool

    /// The first instruction that can fail or move, skipping position-neutral bookkeeping (`save`, `mark`,
    /// `resetCaptures`, `resetCounter`) from the start: every match must pass it first.
    var leadingInstruction: Instruction {
        var index = 0
        while index < instructions.count {
            switch instructions[index] {
            case .save, .mark, .resetCaptures, .resetCounter:
                index += 1
            default:
                return instructions[index]
            }
        }
        return .succeed
    }
}
