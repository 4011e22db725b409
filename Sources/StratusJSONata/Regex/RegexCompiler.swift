/// Compiles a `RegexNode` tree into a `RegexProgram`.
struct RegexCompiler {
    private var instructions: [RegexProgram.Instruction] = []
    private var sets: [RegexCharacterSet] = []
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
            instructions: compiler.instructions, sets: compiler.sets, captureCount: captureCount,
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
            sets.append(set)
            emit(.consume(.set(sets.count - 1), backward: backward))
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
        if !backward, let test = singleCharacterTest(body) {
            emit(.repeatConsume(test, minimum: minimum, maximum: maximum, greedy: greedy))
            return
        }
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

    /// The test of a node that always consumes exactly one character, if it is one.
    private mutating func singleCharacterTest(_ node: RegexNode) -> RegexProgram.Test? {
        switch node {
        case .character(let value): return .character(value)
        case .anyExceptLineTerminator: return .any
        case .characterSet(let set):
            sets.append(set)
            return .set(sets.count - 1)
        case .group(let body, captureIndex: nil): return singleCharacterTest(body)
        default: return nil
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
