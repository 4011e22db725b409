import OrderedCollections

/// One evaluation of a compiled expression (jsonata-js `evaluate` and friends): per-evaluation state only —
/// options, the fixed timestamp, the depth counter. Not shared between threads.
final class Evaluator {
    let options: JSONataOptions
    let library: [String: NativeFunction]
    /// `$now()` / `$millis()` value for this evaluation (ms since the epoch), when a clock was injected.
    let timestamp: Double?
    var depth = 0
    /// Frames that received a function, array or object through `:=` (possible reference cycles).
    var assignedFrames: [Frame] = []
    let maximumDepth: Int
    let startTime: Double?
    var randomGenerator: SystemRandomNumberGenerator?

    init(options: JSONataOptions) {
        self.options = options
        library = options.awsStepFunctions ? Library.awsFunctions : Library.standardFunctions
        timestamp = options.currentTime?()
        maximumDepth = options.maximumDepth
        if options.timeLimitMilliseconds != nil, let clock = options.monotonicClock {
            startTime = clock()
        } else {
            startTime = nil
        }
        randomGenerator = options.random == nil ? SystemRandomNumberGenerator() : nil
    }

    /// Breaks closure ↔ frame cycles once the evaluation is over (no value outlives it: results leave as JSON).
    func releaseFrames() {
        for frame in assignedFrames { frame.removeAllBindings() }
        assignedFrames.removeAll()
    }

    /// A random double in [0, 1) from the injected source (or the system generator).
    func nextRandom() -> Double {
        if let random = options.random { return random() }
        return Double.random(in: 0..<1, using: &randomGenerator!)
    }

    /// Variable lookup: frames first, then the function library.
    func lookup(_ name: String, _ environment: Frame) -> Value? {
        if let bound = environment.lookup(name) { return bound }
        if let native = library[name] { return .function(.native(native)) }
        return nil
    }

    func isDefined(_ name: String, _ environment: Frame) -> Bool {
        lookup(name, environment) != nil
    }

    @inline(never)
    private func checkGuards() throws {
        if depth > maximumDepth {
            throw JSONataError(code: "U1001", message: "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.")
        }
        if let startTime, let limit = options.timeLimitMilliseconds, let clock = options.monotonicClock,
           clock() - startTime > limit {
            throw JSONataError(code: "U1001", message: "Expression evaluation timeout: Check for infinite loop")
        }
    }

    /// jsonata-js `evaluate`: dispatch on the node type, then predicates, group-by and sequence unwrapping.
    ///
    /// Kept small on purpose: every node kind is evaluated in its own (non-inlined) function so that deep
    /// recursion uses little stack per level, even in debug builds.
    func evaluate(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        depth += 1
        defer { depth -= 1 }
        if depth > maximumDepth || startTime != nil { try checkGuards() }
        var result = try dispatch(expr, input, environment)
        if expr.predicate != nil || (expr.group != nil && expr.type != .path) {
            result = try applyPredicatesAndGroup(expr, result, environment)
        }
        if case .array(let sequence)? = result, sequence.isSequence, !sequence.isTupleStream {
            return unwrapSequence(expr, sequence)
        }
        return result
    }

    @inline(never)
    private func unwrapSequence(_ expr: Node, _ sequence: ArrayValue) -> Value? {
        if expr.keepArray { sequence.keepSingleton = true }
        if sequence.items.isEmpty { return nil }
        if sequence.items.count == 1 && !sequence.keepSingleton { return sequence.items[0] }
        return .array(sequence)
    }

    @inline(never)
    private func applyPredicatesAndGroup(_ expr: Node, _ value: Value?, _ environment: Frame) throws -> Value? {
        var result = value
        if let predicates = expr.predicate {
            for predicate in predicates {
                result = .array(try evaluateFilter(predicate.expression!, result, environment))
            }
        }
        if expr.type != .path, let group = expr.group {
            result = .object(try evaluateGroupExpression(group.pairs, position: group.position, result, environment))
        }
        return result
    }

    @inline(never)
    private func dispatch(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        switch expr.type {
        case .path: return try evaluatePath(expr, input, environment)
        case .binary: return try evaluateBinary(expr, input, environment)
        case .unary: return try evaluateUnary(expr, input, environment)
        case .condition, .elvis, .coalesce: return try evaluateCondition(expr, input, environment)
        case .block: return try evaluateBlock(expr, input, environment)
        case .bind: return try evaluateBind(expr, input, environment)
        case .function: return try evaluateFunction(expr, input, environment, applyTo: nil)
        case .partial: return try evaluatePartialApplication(expr, input, environment)
        case .apply: return try evaluateApplyExpression(expr, input, environment)
        default: return evaluateLeaf(expr, input, environment)
        }
    }

    /// Node kinds that do not evaluate sub-expressions.
    @inline(never)
    private func evaluateLeaf(_ expr: Node, _ input: Value?, _ environment: Frame) -> Value? {
        switch expr.type {
        case .name: return lookupField(input, expr.text)
        case .string, .number, .value: return literal(expr)
        case .wildcard: return evaluateWildcard(input)
        case .descendant: return evaluateDescendants(input)
        case .parent: return environment.lookup(expr.slot!.label) ?? nil
        case .regex: return .function(.regex(expr.regex!))
        case .variable: return evaluateVariable(expr, input, environment)
        case .lambda: return evaluateLambda(expr, input, environment)
        case .transform: return .function(.transform(Transform(node: expr, environment: environment)))
        default: return nil
        }
    }

    @inline(never)
    private func evaluateBind(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        let value = try evaluate(expr.rhs!, input, environment)
        environment.bind(expr.lhs!.text, value)
        // A function stored in a frame may close a cycle (a closure defined here, held here); such frames are
        // cleared by `releaseFrames()` when the evaluation ends.
        if let value, containsFunction(value), assignedFrames.last !== environment {
            assignedFrames.append(environment)
        }
        return value
    }

    func literal(_ expr: Node) -> Value? {
        switch expr.value {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .none: return nil
        }
    }

    private func evaluateVariable(_ expr: Node, _ input: Value?, _ environment: Frame) -> Value? {
        let name = expr.text
        if name.isEmpty {
            if case .array(let array)? = input, array.outerWrapper { return array.items.first }
            return input
        }
        return lookup(name, environment)
    }

    @inline(never)
    private func evaluateCondition(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        let condition = try evaluate(expr.condition!, input, environment)
        if expr.type != .condition {
            // `?:` keeps a truthy condition, `??` a defined one.
            let keep = expr.type == .elvis ? booleanValue(condition) == true : condition != nil
            return keep ? condition : try evaluate(expr.otherwise!, input, environment)
        }
        if booleanValue(condition) == true {
            return try evaluate(expr.then!, input, environment)
        } else if let otherwise = expr.otherwise {
            return try evaluate(otherwise, input, environment)
        }
        return nil
    }

    @inline(never)
    private func evaluateBlock(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        let frame = Frame(parent: environment)
        var result: Value?
        for expression in expr.expressions {
            result = try evaluate(expression, input, frame)
        }
        return result
    }

    private func evaluateLambda(_ expr: Node, _ input: Value?, _ environment: Frame) -> Value? {
        return .function(.lambda(Lambda(input: input, environment: environment, parameters: expr.parameterNames,
                                        signature: expr.signature, body: .expression(expr.body!), isThunk: expr.thunk)))
    }

    // MARK: - Paths

    /// Direct lookups for a simple path while it meets only objects; nil when the general algorithm must decide
    /// (an array or sequence appears), `.some(nil)` for undefined.
    @inline(never)
    private func evaluateSimplePath(_ expr: Node, _ input: Value?, _ environment: Frame) -> Value?? {
        var current: Value?
        var steps = expr.steps[...]
        if let first = steps.first, first.type == .variable {
            current = evaluateVariable(first, input, environment)
            steps = steps.dropFirst()
        } else {
            current = input
        }
        for step in steps {
            switch current {
            case .object(let object)?: current = object.member(step.text)
            case .array?: return nil
            default: return .some(nil)
            }
        }
        if case .array(let array)? = current, array.isSequence { return nil }
        return .some(current)
    }

    @inline(never)
    private func evaluatePath(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        if expr.isSimplePath, let result = evaluateSimplePath(expr, input, environment) { return result }
        var inputSequence: ArrayValue
        var undefinedInput = false
        if case .array(let array)? = input, expr.steps[0].type != .variable {
            inputSequence = array
        } else {
            inputSequence = makeSequence(input)
            undefinedInput = input == nil
        }
        var resultSequence: ArrayValue?
        var isTupleStream = false
        var tupleBindings: ArrayValue?
        let lastIndex = expr.steps.count - 1
        for (index, step) in expr.steps.enumerated() {
            if step.tuple { isTupleStream = true }
            if index == 0 && step.consArray {
                let value = try evaluate(step, undefinedInput ? nil : .array(inputSequence), environment)
                if case .array(let array)? = value {
                    resultSequence = array
                } else {
                    resultSequence = value.map { makeSequence($0) }
                }
            } else if isTupleStream {
                tupleBindings = try evaluateTupleStep(step, inputSequence, undefinedInput: undefinedInput,
                                                      tupleBindings, environment)
            } else {
                resultSequence = try evaluateStep(step, inputSequence, undefinedInput: undefinedInput, environment,
                                                  lastStep: index == lastIndex)
            }
            if !isTupleStream && (resultSequence == nil || resultSequence!.items.isEmpty) { break }
            if step.focus == nil {
                inputSequence = resultSequence ?? ArrayValue.sequence()
                undefinedInput = false
            }
        }
        if isTupleStream {
            if expr.tuple {
                resultSequence = tupleBindings
            } else {
                let sequence = ArrayValue.sequence()
                for tuple in tupleBindings?.items ?? [] {
                    if case .object(let object) = tuple, let focus = object.members["@"] { sequence.items.append(focus) }
                }
                resultSequence = sequence
            }
        }
        if expr.keepSingletonArray, var sequence = resultSequence {
            if sequence.isCons && !sequence.isSequence {
                sequence = ArrayValue.sequence([.array(sequence)])
                resultSequence = sequence
            }
            sequence.keepSingleton = true
        }
        if let group = expr.group {
            let groupInput: Value? = (isTupleStream ? tupleBindings : resultSequence).map { .array($0) }
            return .object(try evaluateGroupExpression(group.pairs, position: group.position, groupInput, environment))
        }
        return resultSequence.map { .array($0) }
    }

    private func evaluateStep(_ expr: Node, _ input: ArrayValue, undefinedInput: Bool, _ environment: Frame,
                              lastStep: Bool) throws -> ArrayValue {
        if expr.type == .sort {
            var result = try evaluateSortExpression(expr, undefinedInput ? ArrayValue.sequence() : input, environment)
            if let stages = expr.stages { result = try evaluateStages(stages, result, environment) }
            return result
        }
        var results: [Value] = []
        let count = undefinedInput ? 1 : input.items.count
        results.reserveCapacity(count)
        for index in 0..<count {
            var value = try evaluate(expr, undefinedInput ? nil : input.items[index], environment)
            if let stages = expr.stages {
                for stage in stages {
                    value = .array(try evaluateFilter(stage.expression!, value, environment))
                }
            }
            if let value { results.append(value) }
        }
        if lastStep, results.count == 1, case .array(let array) = results[0], !array.isSequence {
            return array
        }
        let sequence = ArrayValue.sequence()
        sequence.items.reserveCapacity(results.count)
        for value in results {
            if case .array(let array) = value, !array.isCons {
                sequence.items.append(contentsOf: array.items)
            } else {
                sequence.items.append(value)
            }
        }
        return sequence
    }

    func evaluateStages(_ stages: [Stage], _ input: ArrayValue, _ environment: Frame) throws -> ArrayValue {
        var result = input
        for stage in stages {
            switch stage.kind {
            case .filter:
                result = try evaluateFilter(stage.expression!, .array(result), environment)
            case .index:
                for (position, tuple) in result.items.enumerated() {
                    if case .object(let object) = tuple { object.members[stage.variable] = .number(Double(position)) }
                }
            }
        }
        return result
    }

    func frameFromTuple(_ environment: Frame, _ tuple: Value?) -> Frame {
        let frame = Frame(parent: environment)
        if case .object(let object)? = tuple {
            for (name, value) in object.members { frame.bind(name, value) }
        }
        return frame
    }

    private func evaluateTupleStep(_ expr: Node, _ input: ArrayValue, undefinedInput: Bool, _ tupleBindings: ArrayValue?,
                                   _ environment: Frame) throws -> ArrayValue {
        if expr.type == .sort {
            var result: ArrayValue
            if let tupleBindings {
                result = try evaluateSortExpression(expr, tupleBindings, environment)
            } else {
                let sorted = try evaluateSortExpression(expr, undefinedInput ? ArrayValue.sequence() : input, environment)
                result = ArrayValue.sequence()
                result.isTupleStream = true
                for (position, item) in sorted.items.enumerated() {
                    var members: OrderedDictionary<String, Value> = ["@": item]
                    if let indexVariable = expr.indexVariable { members[indexVariable] = .number(Double(position)) }
                    result.items.append(.object(ObjectValue(members)))
                }
            }
            if let stages = expr.stages { result = try evaluateStages(stages, result, environment) }
            return result
        }
        var result = ArrayValue.sequence()
        result.isTupleStream = true
        let bindings: [Value]
        if let tupleBindings {
            bindings = tupleBindings.items
        } else if undefinedInput {
            bindings = [.object(ObjectValue())]
        } else {
            bindings = input.items.map { .object(ObjectValue(["@": $0])) }
        }
        for binding in bindings {
            guard case .object(let tuple) = binding else { continue }
            let stepEnvironment = frameFromTuple(environment, binding)
            let focus = tuple.members["@"]
            guard let value = try evaluate(expr, focus, stepEnvironment) else { continue }
            let values: [Value]
            var valueIsTupleStream = false
            if case .array(let array) = value {
                values = array.items
                valueIsTupleStream = array.isTupleStream
            } else {
                values = [value]
            }
            for (position, item) in values.enumerated() {
                let next = ObjectValue(tuple.members)
                if valueIsTupleStream {
                    if case .object(let other) = item {
                        for (name, member) in other.members { next.members[name] = member }
                    }
                } else {
                    if let focusVariable = expr.focus {
                        next.members[focusVariable] = item
                        next.members["@"] = focus
                    } else {
                        next.members["@"] = item
                    }
                    if let indexVariable = expr.indexVariable {
                        next.members[indexVariable] = .number(Double(position))
                    }
                    if let ancestor = expr.ancestor {
                        next.members[ancestor.label] = focus
                    }
                }
                result.items.append(.object(next))
            }
        }
        if let stages = expr.stages { result = try evaluateStages(stages, result, environment) }
        return result
    }

    /// Applies a predicate: numeric results select by index, others filter by their boolean value.
    func evaluateFilter(_ predicate: Node, _ input: Value?, _ environment: Frame) throws -> ArrayValue {
        let results = ArrayValue.sequence()
        let items: ArrayValue
        if case .array(let array)? = input {
            items = array
            if array.isTupleStream { results.isTupleStream = true }
        } else {
            items = makeSequence(input)
        }
        if predicate.type == .number, case .number(let number) = predicate.value {
            var index = Int(number.rounded(.down))
            if index < 0 { index += items.items.count }
            if index >= 0 && index < items.items.count {
                let item = items.items[index]
                if case .array(let array) = item { return array }
                results.items.append(item)
            }
            return results
        }
        for (index, item) in items.items.enumerated() {
            var context: Value? = item
            var frame = environment
            if items.isTupleStream {
                if case .object(let tuple) = item { context = tuple.members["@"] }
                frame = frameFromTuple(environment, item)
            }
            var value = try evaluate(predicate, context, frame)
            if let number = value, try number.isNumeric() { value = .array(ArrayValue([number])) }
            if try isArrayOfNumbers(value), case .array(let numbers)? = value {
                for case .number(let n) in numbers.items {
                    var position = Int(n.rounded(.down))
                    if position < 0 { position += items.items.count }
                    if position == index { results.items.append(item) }
                }
            } else if booleanValue(value) == true {
                results.items.append(item)
            }
        }
        return results
    }
}

