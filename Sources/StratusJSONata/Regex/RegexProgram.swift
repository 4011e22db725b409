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
        case set(RegexCharacterSet)
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
        /// Match the text of a capture again (moving left when `backward`).
        case backreference(Int, backward: Bool)
        /// Run the sub-program starting at the next instruction (ending in `.succeed`) as a zero-width
        /// assertion, then continue at `next`.
        case lookaround(negated: Bool, next: Int)
        /// The (sub-)program matched.
        case succeed
    }

    var instructions: [Instruction]
    var captureCount: Int
    var registerCount: Int
    var ignoreCase: Bool
    var multiline: Bool
}
