/// The backtracking matcher: runs a `RegexProgram` over an array of Unicode scalars.
///
/// Guarantees: iterative (an explicit backtrack stack on the heap, no recursion per character), so long inputs
/// cannot overflow the call stack; only lookarounds recurse, bounded by the pattern's nesting depth. Captures and
/// registers are restored exactly on backtracking through an undo log. Every executed instruction costs one unit of
/// the caller's step budget; running out throws `RegexStepLimitReached`.
struct RegexMachine {
    let program: RegexProgram
    let input: [Unicode.Scalar]

    /// An entry of the backtrack stack (reused between attempts through `Scratch`).
    enum Backtrack {
        case resume(instruction: Int, position: Int)
        case capture(slot: Int, old: Int)
        case register(Int, old: Int)
        /// Greedy `repeatConsume`: retry the continuation at `position - 1`, down to `lowest`.
        case retreat(next: Int, lowest: Int, position: Int)
        /// Lazy `repeatConsume` at instruction `instruction`: try one more character at `position`, having taken
        /// `taken` so far.
        case advance(instruction: Int, position: Int, taken: Int)
    }

    /// Runs the program from instruction `start` at input `position`; returns the end position on success, with
    /// `captures` holding the captured slots (`-1` = unset).
    func run(from start: Int, at position: Int, captures: inout [Int], registers: inout [Int], budget: inout Int)
        throws(RegexStepLimitReached) -> Int?
    {
        var stack: [Backtrack] = []
        return try run(
            from: start, at: position, captures: &captures, registers: &registers, budget: &budget, stack: &stack)
    }

    /// `run` with a caller-owned backtrack stack (emptied first), so repeated attempts reuse its storage.
    func run(
        from start: Int, at position: Int, captures: inout [Int], registers: inout [Int], budget: inout Int,
        stack: inout [Backtrack]
    ) throws(RegexStepLimitReached) -> Int? {
        stack.removeAll(keepingCapacity: true)
        let instructions = program.instructions
        let ignoreCase = program.ignoreCase
        let count = input.count
        var pc = start
        var position = position
        while true {
            budget -= 1
            if budget < 0 { throw RegexStepLimitReached() }
            var failed = false
            switch instructions[pc] {
            case .consume(let test, let backward):
                let index = backward ? position - 1 : position
                if index >= 0 && index < count && passes(test, input[index].value, ignoreCase: ignoreCase) {
                    position = backward ? position - 1 : position + 1
                    pc += 1
                } else {
                    failed = true
                }
            case .lineStart:
                if position == 0
                    || (program.multiline && RegexCharacterSet.isLineTerminator(input[position - 1].value))
                {
                    pc += 1
                } else {
                    failed = true
                }
            case .lineEnd:
                if position == count
                    || (program.multiline && RegexCharacterSet.isLineTerminator(input[position].value))
                {
                    pc += 1
                } else {
                    failed = true
                }
            case .wordBoundary(let isBoundary):
                let before = position > 0 && RegexCharacterSet.isWordCharacter(input[position - 1].value)
                let after = position < count && RegexCharacterSet.isWordCharacter(input[position].value)
                if (before != after) == isBoundary { pc += 1 } else { failed = true }
            case .split(let first, let second):
                stack.append(.resume(instruction: second, position: position))
                pc = first
            case .jump(let target):
                pc = target
            case .save(let slot):
                stack.append(.capture(slot: slot, old: captures[slot]))
                captures[slot] = position
                pc += 1
            case .resetCaptures(let range):
                for number in range {
                    for slot in (2 * number)...(2 * number + 1) where captures[slot] != -1 {
                        stack.append(.capture(slot: slot, old: captures[slot]))
                        captures[slot] = -1
                    }
                }
                pc += 1
            case .mark(let register):
                if registers[register] != position {
                    stack.append(.register(register, old: registers[register]))
                    registers[register] = position
                }
                pc += 1
            case .requireProgress(let register):
                if registers[register] == position { failed = true } else { pc += 1 }
            case .resetCounter(let register):
                if registers[register] != 0 {
                    stack.append(.register(register, old: registers[register]))
                    registers[register] = 0
                }
                pc += 1
            case .incrementCounter(let register):
                stack.append(.register(register, old: registers[register]))
                registers[register] += 1
                pc += 1
            case .countedLoop(let counter, let minimum, let maximum, let greedy, let exit):
                let iterations = registers[counter]
                if iterations < minimum {
                    pc += 1
                } else if let maximum, iterations >= maximum {
                    pc = exit
                } else if greedy {
                    stack.append(.resume(instruction: exit, position: position))
                    pc += 1
                } else {
                    stack.append(.resume(instruction: pc + 1, position: position))
                    pc = exit
                }
            case .requireProgressIfOptional(let register, let counter, let minimum):
                if registers[counter] >= minimum && registers[register] == position { failed = true } else { pc += 1 }
            case .repeatConsume(let test, let minimum, let maximum, let greedy):
                let limit = min(maximum ?? Int.max, count - position)
                if greedy {
                    var taken = 0
                    while taken < limit && passes(test, input[position + taken].value, ignoreCase: ignoreCase) {
                        taken += 1
                    }
                    if taken < minimum {
                        failed = true
                    } else {
                        if taken > minimum {
                            stack.append(.retreat(next: pc + 1, lowest: position + minimum, position: position + taken))
                        }
                        position += taken
                        pc += 1
                    }
                } else {
                    var taken = 0
                    while taken < minimum && taken < limit
                        && passes(test, input[position + taken].value, ignoreCase: ignoreCase)
                    {
                        taken += 1
                    }
                    if taken < minimum {
                        failed = true
                    } else {
                        position += taken
                        if taken < limit { stack.append(.advance(instruction: pc, position: position, taken: taken)) }
                        pc += 1
                    }
                }
            case .backreference(let number, let backward):
                if let end = matchBackreference(number, at: position, backward: backward, captures: captures) {
                    position = end
                    pc += 1
                } else {
                    failed = true
                }
            case .lookaround(let negated, let next):
                var subCaptures = captures
                var subRegisters = registers
                let matched = try run(
                    from: pc + 1, at: position, captures: &subCaptures, registers: &subRegisters, budget: &budget) != nil
                if matched == negated {
                    failed = true
                } else {
                    if matched {
                        for slot in subCaptures.indices where subCaptures[slot] != captures[slot] {
                            stack.append(.capture(slot: slot, old: captures[slot]))
                            captures[slot] = subCaptures[slot]
                        }
                    }
                    pc = next
                }
            case .succeed:
                return position
            }
            if failed {
                var resumed = false
                while let entry = stack.popLast() {
                    switch entry {
                    case .resume(let instruction, let resumePosition):
                        pc = instruction
                        position = resumePosition
                        resumed = true
                    case .capture(let slot, let old):
                        captures[slot] = old
                    case .register(let register, let old):
                        registers[register] = old
                    case .retreat(let next, let lowest, let retreatPosition):
                        let earlier = retreatPosition - 1
                        if earlier > lowest { stack.append(.retreat(next: next, lowest: lowest, position: earlier)) }
                        pc = next
                        position = earlier
                        resumed = true
                    case .advance(let instruction, let advancePosition, let taken):
                        guard case .repeatConsume(let test, _, let maximum, _) = instructions[instruction],
                            advancePosition < count, taken < (maximum ?? Int.max),
                            passes(test, input[advancePosition].value, ignoreCase: ignoreCase)
                        else { continue }
                        if taken + 1 < (maximum ?? Int.max) && advancePosition + 1 < count {
                            stack.append(.advance(instruction: instruction, position: advancePosition + 1, taken: taken + 1))
                        }
                        pc = instruction + 1
                        position = advancePosition + 1
                        resumed = true
                    }
                    if resumed { break }
                }
                if !resumed { return nil }
            }
        }
    }

    func passes(_ test: RegexProgram.Test, _ value: UInt32, ignoreCase: Bool) -> Bool {
        switch test {
        case .character(let expected):
            if value == expected { return true }
            return ignoreCase && RegexCharacterSet.canonicalize(value) == RegexCharacterSet.canonicalize(expected)
        case .any:
            return !RegexCharacterSet.isLineTerminator(value)
        case .set(let index):
            return program.sets[index].matches(value, ignoreCase: ignoreCase)
        }
    }

    /// Matches the text of capture `number` at `position`; an unset capture matches the empty string.
    private func matchBackreference(_ number: Int, at position: Int, backward: Bool, captures: [Int]) -> Int? {
        let start = captures[2 * number]
        let end = captures[2 * number + 1]
        guard start >= 0, end >= 0 else { return position }
        let length = end - start
        let from = backward ? position - length : position
        guard from >= 0, from + length <= input.count else { return nil }
        for offset in 0..<length {
            let expected = input[start + offset].value
            let actual = input[from + offset].value
            if expected != actual {
                guard program.ignoreCase,
                    RegexCharacterSet.canonicalize(expected) == RegexCharacterSet.canonicalize(actual)
                else { return nil }
            }
        }
        return backward ? from : position + length
    }
}

/// Thrown by `RegexMachine.run` when the step budget is used up.
struct RegexStepLimitReached: Error {}
