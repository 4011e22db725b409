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

/// Compiles a `RegexNode` tree into a `RegexProgram`.
struct RegexCompiler {
    private var instructions: [RegexProgram.Instruction] = []
    private var registerCount = 0

    /// Compiles `node`; the result saves capture 0 around the whole match.
    static func compile(_ node: RegexNode, captureCount: Int, ignoreCase: Bool, multiline: Bool)
        -> RegexProgram
    {
        var compiler = RegexCompiler()
        compiler.emit(.save(slot: 0))
        compiler.compile(node, backward: false)
        compiler.emit(.save(slot: 1))
        compiler.emit(.succeed)
        return RegexProgram(
            instructions: compiler.instructions, captureCount: captureCount,
            registerCount: compiler.registerCount, ignoreCase: ignoreCase, multiline: multiline)
    }

    private mutating func emit(_ instruction: RegexProgram.Instruction) {
        instructions.append(instruction)
    }

    private var here: Int { instructions.count }

    private mutating func compile(_ node: RegexNode, backward: Bool) {
        switch node {
        case .empty:
            break
        case .character(let value):
            emit(.consume(.character(value), backward: backward))
        case .anyExceptLineTerminator:
            emit(.consume(.any, backward: backward))
        case .characterSet(let set):
            emit(.consume(.set(set), backward: backward))
        case .lineStart:
            emit(.lineStart)
        case .lineEnd:
            emit(.lineEnd)
        case .wordBoundary(let isBoundary):
            emit(.wordBoundary(isBoundary))
        case .group(let body, let index):
            if let index {
                emit(.save(slot: backward ? 2 * index + 1 : 2 * index))
                compile(body, backward: backward)
                emit(.save(slot: backward ? 2 * index : 2 * index + 1))
            } else {
                compile(body, backward: backward)
            }
        case .backreference(let index):
            emit(.backreference(index, backward: backward))
        case .concatenation(let parts):
            for part in backward ? parts.reversed() : parts { compile(part, backward: backward) }
        case .alternation(let alternatives):
            compileAlternation(alternatives, backward: backward)
        case .quantified(let body, let minimum, let maximum, let greedy):
            compileQuantifier(body, minimum: minimum, maximum: maximum, greedy: greedy, backward: backward)
        case .lookaround(let body, let ahead, let negated):
            let lookIndex = here
            emit(.lookaround(negated: negated, next: 0))
            compile(body, backward: !ahead)
            emit(.succeed)
            instructions[lookIndex] = .lookaround(negated: negated, next: here)
        }
    }

    private mutating func compileAlternation(_ alternatives: [RegexNode], backward: Bool) {
        var jumpsToEnd: [Int] = []
        for (offset, alternative) in alternatives.enumerated() {
            if offset < alternatives.count - 1 {
                let splitIndex = here
                emit(.split(first: splitIndex + 1, second: 0))
                compile(alternative, backward: backward)
                jumpsToEnd.append(here)
                emit(.jump(0))
                instructions[splitIndex] = .split(first: splitIndex + 1, second: here)
            } else {
                compile(alternative, backward: backward)
            }
        }
        for jump in jumpsToEnd { instructions[jump] = .jump(here) }
    }

    private mutating func compileQuantifier(
        _ body: RegexNode, minimum: Int, maximum: Int?, greedy: Bool, backward: Bool
    ) {
        let captures = body.captureRange
        let copies = minimum + (maximum.map { $0 - minimum } ?? 0)
        if copies > 8 {
            compileCountedLoop(body, minimum: minimum, maximum: maximum, greedy: greedy, backward: backward)
            return
        }
        // Mandatory iterations.
        for _ in 0..<minimum {
            if let captures { emit(.resetCaptures(captures)) }
            compile(body, backward: backward)
        }
        if let maximum {
            // Optional iterations, each one nested in the previous.
            var exits: [Int] = []
            for _ in minimum..<max(minimum, maximum) {
                let register = registerCount
                registerCount += 1
                exits.append(here)
                emit(.split(first: 0, second: 0))
                emit(.mark(register: register))
                if let captures { emit(.resetCaptures(captures)) }
                compile(body, backward: backward)
                emit(.requireProgress(register: register))
            }
            for exit in exits {
                instructions[exit] = greedy ? .split(first: exit + 1, second: here) : .split(first: here, second: exit + 1)
            }
        } else {
            let register = registerCount
            registerCount += 1
            let loop = here
            emit(.split(first: 0, second: 0))
            emit(.mark(register: register))
            if let captures { emit(.resetCaptures(captures)) }
            compile(body, backward: backward)
            emit(.requireProgress(register: register))
            emit(.jump(loop))
            instructions[loop] = greedy ? .split(first: loop + 1, second: here) : .split(first: here, second: loop + 1)
        }
    }

    /// A loop with a counter register, for large `{n,m}` counts that would be too long to unroll.
    private mutating func compileCountedLoop(
        _ body: RegexNode, minimum: Int, maximum: Int?, greedy: Bool, backward: Bool
    ) {
        let counter = registerCount
        let register = registerCount + 1
        registerCount += 2
        emit(.resetCounter(register: counter))
        let loop = here
        emit(.countedLoop(counter: counter, minimum: minimum, maximum: maximum, greedy: greedy, exit: 0))
        emit(.mark(register: register))
        if let captures = body.captureRange { emit(.resetCaptures(captures)) }
        compile(body, backward: backward)
        emit(.requireProgressIfOptional(register: register, counter: counter, minimum: minimum))
        emit(.incrementCounter(register: counter))
        emit(.jump(loop))
        instructions[loop] = .countedLoop(
            counter: counter, minimum: minimum, maximum: maximum, greedy: greedy, exit: here)
    }
}
