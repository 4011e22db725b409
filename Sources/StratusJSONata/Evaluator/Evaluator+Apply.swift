import OrderedCollections

/// `λ($f, $g) { λ($x){ $g($f($x)) } }`: function composition for `f ~> g` when both sides are functions.
private let chainAST: Node = {
    // A constant expression; parsing it cannot fail.
    (try? Parser.parse("function($f, $g) { function($x){ $g($f($x)) } }", newOperators: false))
        ?? Node(type: .end, position: 0)
}()

extension Evaluator {
    private func procedureName(_ procedure: Node) -> String? {
        switch procedure.type {
        case .path: return procedure.steps.first?.text
        case .variable, .name: return procedure.text
        default: return nil
        }
    }

    @inline(never)
    func evaluateFunction(_ expr: Node, _ input: Value?, _ environment: Frame,
                          applyTo: Value??) throws -> Value? {
        let procedure = expr.procedure!
        let function = try evaluate(procedure, input, environment)
        if function == nil, procedure.type == .path { try checkForgottenDollar(expr, procedure, environment) }
        let arguments = try evaluateArguments(expr, input, environment, applyTo: applyTo)
        do {
            return try apply(function, arguments, input, environment)
        } catch let error as JSONataError {
            throw locate(error, expr, procedure)
        }
    }

    @inline(never)
    private func checkForgottenDollar(_ expr: Node, _ procedure: Node, _ environment: Frame) throws {
        if let first = procedure.steps.first, isDefined(first.text, environment) {
            throw JSONataError(code: "T1005", message: "Attempted to invoke a non-function. Did you mean ${\(first.text)}?",
                               position: expr.position, token: first.text)
        }
    }

    @inline(never)
    private func evaluateArguments(_ expr: Node, _ input: Value?, _ environment: Frame,
                                   applyTo: Value??) throws -> [Value?] {
        var arguments: [Value?] = []
        arguments.reserveCapacity(expr.arguments.count + 1)
        if let applyTo { arguments.append(applyTo) }
        for argument in expr.arguments {
            arguments.append(try evaluate(argument, input, environment))
        }
        return arguments
    }

    @inline(never)
    private func locate(_ error: JSONataError, _ expr: Node, _ procedure: Node) -> JSONataError {
        var located = error
        if located.position == nil { located.position = expr.position }
        if located.token == nil { located.token = procedureName(procedure) }
        return located
    }

    /// Applies a function, running the tail-call trampoline.
    @inline(never)
    func apply(_ function: Value?, _ arguments: [Value?], _ input: Value?, _ environment: Frame) throws -> Value? {
        var result = try applyInner(function, arguments, input, environment)
        while case .function(.lambda(let thunk))? = result, thunk.isThunk {
            result = try runThunk(thunk, input, environment)
        }
        return result
    }

    @inline(never)
    private func runThunk(_ thunk: Lambda, _ input: Value?, _ environment: Frame) throws -> Value? {
        guard case .expression(let call) = thunk.body else { return nil }
        let next = try evaluate(call.procedure!, thunk.input, thunk.environment)
        var evaluated: [Value?] = []
        evaluated.reserveCapacity(call.arguments.count)
        for argument in call.arguments {
            evaluated.append(try evaluate(argument, thunk.input, thunk.environment))
        }
        do {
            return try applyInner(next, evaluated, input, environment)
        } catch var located as JSONataError {
            if located.token == nil { located.token = procedureName(call.procedure!) }
            throw located
        }
    }

    @inline(never)
    private func applyInner(_ function: Value?, _ arguments: [Value?], _ input: Value?,
                            _ environment: Frame) throws -> Value? {
        guard case .function(let callee)? = function else {
            throw JSONataError(code: "T1006", message: "Attempted to invoke a non-function")
        }
        if case .lambda(let lambda) = callee {
            if let signature = lambda.signature {
                return try applyProcedure(lambda, try signature.validate(arguments, context: input))
            }
            return try applyProcedure(lambda, arguments)
        }
        return try applyOther(callee, arguments, input, environment)
    }

    @inline(never)
    private func applyOther(_ callee: FunctionValue, _ arguments: [Value?], _ input: Value?,
                            _ environment: Frame) throws -> Value? {
        switch callee {
        case .lambda:
            return try applyInner(.function(callee), arguments, input, environment)
        case .native(let native):
            return try applyNative(native, arguments, input, environment)
        case .regex(let literal):
            return try applyRegex(literal.regex, literal.position, arguments)
        case .transform(let transform):
            let validated = try Library.transformSignature.validate(arguments, context: input)
            return try runTransform(transform, validated.first ?? nil)
        }
    }

    @inline(never)
    private func applyNative(_ native: NativeFunction, _ arguments: [Value?], _ input: Value?,
                             _ environment: Frame) throws -> Value? {
        let validated = try native.signature?.validate(arguments, context: input) ?? arguments
        return try native.implementation(validated, NativeContext(evaluator: self, input: input, environment: environment))
    }

    @inline(never)
    private func applyRegex(_ regex: JSONataRegex, _ position: Int, _ arguments: [Value?]) throws -> Value? {
        guard case .string(let text)? = arguments.first else { return nil }
        var from = 0
        if arguments.count > 1, case .number(let n)? = arguments[1] { from = clampedIndex(n) }
        let scalars = Array(text.unicodeScalars)
        guard let match = try RegexMatch.first(regex, scalars, from: from, position: position) else { return nil }
        return .object(match.object())
    }

    @inline(never)
    private func applyProcedure(_ lambda: Lambda, _ arguments: [Value?]) throws -> Value? {
        let frame = Frame(parent: lambda.environment)
        for (index, name) in lambda.parameters.enumerated() {
            frame.bind(name, index < arguments.count ? arguments[index] : nil)
        }
        if case .expression(let body) = lambda.body {
            return try evaluate(body, lambda.input, frame)
        }
        return try applyWrappedFunction(lambda, frame)
    }

    /// A partially applied native, regex or transform: its parameters are read back from the frame.
    @inline(never)
    private func applyWrappedFunction(_ lambda: Lambda, _ frame: Frame) throws -> Value? {
        switch lambda.body {
        case .expression(let body):
            return try evaluate(body, lambda.input, frame)
        case .native(let native, let names):
            let nativeArguments = names.map { frame.lookup($0) ?? nil }
            return try native.implementation(nativeArguments, NativeContext(evaluator: self, input: nil, environment: frame))
        case .callable(let function, let names):
            return try apply(function, names.map { frame.lookup($0) ?? nil }, nil, frame)
        }
    }

    func evaluatePartialApplication(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        var arguments: [Value?] = []
        var placeholders: [Bool] = []
        for argument in expr.arguments {
            if argument.type == .operator && argument.id == "?" {
                arguments.append(nil)
                placeholders.append(true)
            } else {
                arguments.append(try evaluate(argument, input, environment))
                placeholders.append(false)
            }
        }
        let procedure = expr.procedure!
        let function = try evaluate(procedure, input, environment)
        if function == nil, procedure.type == .path, let first = procedure.steps.first, isDefined(first.text, environment) {
            throw JSONataError(code: "T1007", message: "Attempted to partially apply a non-function. Did you mean ${\(first.text)}?",
                               position: expr.position, token: first.text)
        }
        guard case .function(let callee)? = function else {
            throw JSONataError(code: "T1008", message: "Attempted to partially apply a non-function",
                               position: expr.position, token: procedureName(procedure))
        }
        switch callee {
        case .lambda(let lambda):
            return .function(.lambda(partiallyApply(lambda, arguments, placeholders)))
        case .native(let native):
            return .function(.lambda(partiallyApply(nativeLambda(native), arguments, placeholders)))
        case .regex, .transform:
            let names = (0..<callee.arity).map { "\u{0}arg\($0)" }
            let base = Lambda(input: nil, environment: Frame(parent: nil), parameters: names, signature: nil,
                              body: .callable(.function(callee), parameterNames: names))
            return .function(.lambda(partiallyApply(base, arguments, placeholders)))
        }
    }

    private func nativeLambda(_ native: NativeFunction) -> Lambda {
        let names = (0..<native.arity).map { "\u{0}arg\($0)" }
        return Lambda(input: nil, environment: Frame(parent: nil), parameters: names, signature: nil,
                      body: .native(native, parameterNames: names))
    }

    private func partiallyApply(_ lambda: Lambda, _ arguments: [Value?], _ placeholders: [Bool]) -> Lambda {
        let frame = Frame(parent: lambda.environment)
        var unbound: [String] = []
        for (index, name) in lambda.parameters.enumerated() {
            if index < placeholders.count && placeholders[index] {
                unbound.append(name)
            } else {
                frame.bind(name, index < arguments.count ? arguments[index] : nil)
            }
        }
        return Lambda(input: lambda.input, environment: frame, parameters: unbound, signature: nil, body: lambda.body)
    }

    func evaluateApplyExpression(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        let lhs = try evaluate(expr.lhs!, input, environment)
        if expr.rhs!.type == .function {
            return try evaluateFunction(expr.rhs!, input, environment, applyTo: .some(lhs))
        }
        let function = try evaluate(expr.rhs!, input, environment)
        guard case .function? = function else {
            throw JSONataError(code: "T2006", message: "The right side of the function application operator ~> must be a function",
                               position: expr.position, value: function.map(describe))
        }
        if case .function? = lhs {
            let chain = try evaluate(chainAST, nil, environment)
            return try apply(chain, [lhs, function], nil, environment)
        }
        return try apply(function, [lhs], nil, environment)
    }

    private func runTransform(_ transform: Transform, _ object: Value?) throws -> Value? {
        guard let object else { return nil }
        let expr = transform.node
        let environment = transform.environment
        let result = deepCopy(object)
        guard let matches = try evaluate(expr.pattern!, result, environment) else { return result }
        let list: [Value]
        if case .array(let array) = matches { list = array.items } else { list = [matches] }
        for match in list {
            if let update = try evaluate(expr.update!, match, environment) {
                guard case .object(let changes) = update else {
                    throw JSONataError(code: "T2011", message: "The insert/update clause of the transform expression must evaluate to an object: \(describe(update))",
                                       position: expr.update!.position, value: describe(update))
                }
                if case .object(let target) = match {
                    for (key, value) in changes.members { target.members[key] = value }
                }
            }
            if let deleteNode = expr.delete, let deletions = try evaluate(deleteNode, match, environment) {
                let names: [Value]
                if case .array(let array) = deletions { names = array.items } else { names = [deletions] }
                var keys: [String] = []
                for name in names {
                    guard case .string(let key) = name else {
                        throw JSONataError(code: "T2012", message: "The delete clause of the transform expression must evaluate to a string or array of strings: \(describe(deletions))",
                                           position: deleteNode.position, value: describe(deletions))
                    }
                    keys.append(key)
                }
                if case .object(let target) = match {
                    for key in keys { target.members.removeValue(forKey: key) }
                }
            }
        }
        return result
    }

    // MARK: - Sorting

    /// Stable merge sort with a throwing "swap" predicate (jsonata-js `fn.sort`): `swap(a, b)` true puts b first.
    func mergeSort<Element>(_ items: [Element], _ swap: (Element, Element) throws -> Bool) throws -> [Element] {
        if items.count <= 1 { return items }
        var source = items
        var buffer = items
        var width = 1
        let count = items.count
        while width < count {
            var start = 0
            while start < count {
                let middle = min(start + width, count)
                let end = min(start + 2 * width, count)
                var left = start
                var right = middle
                var output = start
                while left < middle && right < end {
                    if try swap(source[left], source[right]) {
                        buffer[output] = source[right]
                        right += 1
                    } else {
                        buffer[output] = source[left]
                        left += 1
                    }
                    output += 1
                }
                while left < middle { buffer[output] = source[left]; left += 1; output += 1 }
                while right < end { buffer[output] = source[right]; right += 1; output += 1 }
                start += 2 * width
            }
            Swift.swap(&source, &buffer)
            width *= 2
        }
        return source
    }

    func evaluateSortExpression(_ expr: Node, _ input: ArrayValue, _ environment: Frame) throws -> ArrayValue {
        let isTupleSort = input.isTupleStream
        let terms = expr.sortTerms
        let items = input.items
        // Sort keys are evaluated lazily and at most once per item and term (jsonata-js re-evaluates them on every
        // comparison; the expressions are side-effect free, so the order and any error are the same).
        var keys = [[Value??]](repeating: [Value??](repeating: nil, count: terms.count), count: items.count)
        func key(_ termIndex: Int, _ index: Int) throws -> Value? {
            if let cached = keys[index][termIndex] { return cached }
            let item = items[index]
            let value: Value?
            if isTupleSort {
                var context: Value?
                if case .object(let tuple) = item { context = tuple.members["@"] }
                value = try evaluate(terms[termIndex].expression, context, frameFromTuple(environment, item))
            } else {
                value = try evaluate(terms[termIndex].expression, item, environment)
            }
            keys[index][termIndex] = .some(value)
            return value
        }
        let order = try mergeSort(Array(items.indices)) { (a: Int, b: Int) throws -> Bool in
            var comparison = 0
            for (termIndex, term) in terms.enumerated() {
                let aa = try key(termIndex, a)
                let bb = try key(termIndex, b)
                guard let aa else {
                    comparison = bb == nil ? 0 : 1
                    if comparison != 0 { break } else { continue }
                }
                guard let bb else {
                    comparison = -1
                    break
                }
                switch (aa, bb) {
                case (.number(let x), .number(let y)):
                    if x == y { continue }
                    comparison = x < y ? -1 : 1
                case (.string(let x), .string(let y)):
                    if x == y { continue }
                    comparison = compareStrings(x, y)
                case (.number, .string), (.string, .number):
                    throw JSONataError(code: "T2007", message: "Type mismatch when comparing values \(describe(aa)) and \(describe(bb)) in order-by clause",
                                       position: expr.position, value: describe(aa))
                default:
                    let offending: Value
                    switch aa {
                    case .number, .string: offending = bb
                    default: offending = aa
                    }
                    throw JSONataError(code: "T2008", message: "The expressions within an order-by clause must evaluate to numeric or string values",
                                       position: expr.position, value: describe(offending))
                }
                if term.descending { comparison = -comparison }
                if comparison != 0 { break }
            }
            return comparison == 1
        }
        let sorted = order.map { items[$0] }
        let result = ArrayValue(sorted, sequence: input.count <= 1 ? input.isSequence : false)
        if input.count <= 1 { return input }
        result.isTupleStream = isTupleSort
        if isTupleSort { result.isSequence = true }
        return result
    }
}
