import OrderedCollections

/// An `Int` for a double used as an index (floored; clamped far outside any array).
func clampedIndex(_ value: Double) -> Int {
    let floored = value.rounded(.down)
    if floored.isNaN { return Int.min / 2 }
    if floored > 1e15 { return Int.max / 2 }
    if floored < -1e15 { return Int.min / 2 }
    return Int(floored)
}

/// jsonata-js `fn.lookup`: a field of an object, or mapped over an array (nested arrays flattened one level).
func lookupField(_ input: Value?, _ key: String) -> Value? {
    switch input {
    case .array(let array)?:
        let result = ArrayValue.sequence()
        for item in array.items {
            guard let value = lookupField(item, key) else { continue }
            if case .array(let inner) = value {
                result.items.append(contentsOf: inner.items)
            } else {
                result.items.append(value)
            }
        }
        return .array(result)
    case .object(let object)?:
        return object.member(key)
    default:
        return nil
    }
}

extension Evaluator {
    func evaluateWildcard(_ input: Value?) -> Value? {
        var resultItems: [Value] = []
        var isSequence = true
        var target = input
        if case .array(let array)? = input, array.outerWrapper, let first = array.items.first { target = first }
        func add(_ value: Value) {
            if case .array = value {
                var flat: [Value] = []
                flatten(value, into: &flat)
                resultItems.append(contentsOf: flat)
                isSequence = false  // jsonata-js builds this through fn.append (Array.concat)
            } else {
                resultItems.append(value)
            }
        }
        switch target {
        case .object(let object)?:
            for value in object.members.values { add(value) }
        case .array(let array)?:
            for value in array.items { add(value) }
        default:
            break
        }
        return .array(ArrayValue(resultItems, sequence: isSequence))
    }

    private func flatten(_ value: Value, into result: inout [Value]) {
        if case .array(let array) = value {
            for item in array.items { flatten(item, into: &result) }
        } else {
            result.append(value)
        }
    }

    func evaluateDescendants(_ input: Value?) -> Value? {
        guard let input else { return nil }
        var results: [Value] = []
        recurseDescendants(input, &results)
        if results.count == 1 { return results[0] }
        return .array(ArrayValue.sequence(results))
    }

    private func recurseDescendants(_ input: Value, _ results: inout [Value]) {
        switch input {
        case .array(let array):
            for member in array.items { recurseDescendants(member, &results) }
        case .object(let object):
            results.append(input)
            for value in object.members.values { recurseDescendants(value, &results) }
        default:
            results.append(input)
        }
    }

    @inline(never)
    func evaluateUnary(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        switch expr.id {
        case "-":
            let value = try evaluate(expr.expression!, input, environment)
            guard let value else { return nil }
            if try value.isNumeric(), case .number(let n) = value { return .number(-n) }
            throw JSONataError(code: "D1002", message: "Cannot negate a non-numeric value: \(describe(value))",
                               position: expr.position, token: "-", value: describe(value))
        case "[":
            var items: [Value] = []
            for item in expr.expressions {
                guard let value = try evaluate(item, input, environment) else { continue }
                if item.type == .unary && item.id == "[" {
                    items.append(value)
                } else if case .array(let array) = value {
                    items.append(contentsOf: array.items)
                } else {
                    items.append(value)
                }
            }
            let result = ArrayValue(items)
            if expr.consArray { result.isCons = true }
            return .array(result)
        case "{":
            return .object(try evaluateGroupExpression(expr.pairs, position: expr.position, input, environment))
        default:
            return nil
        }
    }

    @inline(never)
    func evaluateBinary(_ expr: Node, _ input: Value?, _ environment: Frame) throws -> Value? {
        let op = expr.binaryOperator
        let lhs = try evaluate(expr.lhs!, input, environment)
        switch op {
        case .and?:
            if booleanValue(lhs) != true { return .bool(false) }
            return .bool(booleanValue(try evaluate(expr.rhs!, input, environment)) == true)
        case .or?:
            if booleanValue(lhs) == true { return .bool(true) }
            return .bool(booleanValue(try evaluate(expr.rhs!, input, environment)) == true)
        default:
            let rhs = try evaluate(expr.rhs!, input, environment)
            return try binaryOperation(expr, lhs, rhs)
        }
    }

    /// The operation of a binary node on evaluated operands; errors get the operator's position and token.
    @inline(never)
    private func binaryOperation(_ expr: Node, _ lhs: Value?, _ rhs: Value?) throws -> Value? {
        do {
            return try operate(expr.binaryOperator, expr.id, lhs, rhs)
        } catch var located as JSONataError {
            located.position = expr.position
            located.token = expr.id
            throw located
        }
    }

    private func operate(_ op: BinaryOperator?, _ symbol: String, _ lhs: Value?, _ rhs: Value?) throws -> Value? {
        switch op {
        case .add?, .subtract?, .multiply?, .divide?, .modulo?: return try numericOperation(lhs, rhs, symbol)
        case .equal?: return .bool(lhs != nil && rhs != nil && deepEqual(lhs!, rhs!))
        case .notEqual?: return .bool(lhs != nil && rhs != nil && !deepEqual(lhs!, rhs!))
        case .less?, .lessOrEqual?, .greater?, .greaterOrEqual?: return try comparison(lhs, rhs, symbol)
        case .concatenate?:
            let left = try lhs.map { value in try Stringify.string(value, pretty: false) } ?? ""
            let right = try rhs.map { value in try Stringify.string(value, pretty: false) } ?? ""
            return .string(left + right)
        case .range?: return try range(lhs, rhs)
        case .membership?:
            guard let lhs, let rhs else { return .bool(false) }
            if case .array(let array) = rhs {
                return .bool(array.items.contains { strictEqual($0, lhs) })
            }
            return .bool(strictEqual(rhs, lhs))
        case .and?, .or?, nil:
            return nil
        }
    }

    private func numericOperation(_ lhs: Value?, _ rhs: Value?, _ op: String) throws -> Value? {
        if let lhs, !(try lhs.isNumeric()) {
            throw JSONataError(code: "T2001", message: "The left side of the \(op) operator must evaluate to a number",
                               value: describe(lhs))
        }
        if let rhs, !(try rhs.isNumeric()) {
            throw JSONataError(code: "T2002", message: "The right side of the \(op) operator must evaluate to a number",
                               value: describe(rhs))
        }
        guard case .number(let a)? = lhs, case .number(let b)? = rhs else { return nil }
        switch op {
        case "+": return .number(a + b)
        case "-": return .number(a - b)
        case "*": return .number(a * b)
        case "/": return .number(a / b)
        default: return .number(a.truncatingRemainder(dividingBy: b))
        }
    }

    private func comparison(_ lhs: Value?, _ rhs: Value?, _ op: String) throws -> Value? {
        func comparable(_ value: Value?) -> Bool {
            switch value {
            case nil, .string?, .number?: return true
            default: return false
            }
        }
        if !comparable(lhs) || !comparable(rhs) {
            let offending = comparable(lhs) ? rhs : lhs
            throw JSONataError(code: "T2010", message: "The expressions either side of operator \"\(op)\" must evaluate to numeric or string values",
                               value: offending.map(describe))
        }
        guard let lhs, let rhs else { return nil }
        let order: Int
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            if a.isNaN || b.isNaN { return .bool(false) }
            order = a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)):
            order = compareStrings(a, b)
        default:
            throw JSONataError(code: "T2009", message: "The values \(describe(lhs)) and \(describe(rhs)) either side of operator \"\(op)\" must be of the same data type",
                               value: describe(lhs))
        }
        switch op {
        case "<": return .bool(order < 0)
        case "<=": return .bool(order <= 0)
        case ">": return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    private func range(_ lhs: Value?, _ rhs: Value?) throws -> Value? {
        func isInteger(_ value: Value) -> Bool {
            if case .number(let n) = value { return n.isFinite && n.rounded(.towardZero) == n }
            return false
        }
        if let lhs, !isInteger(lhs) {
            throw JSONataError(code: "T2003", message: "The left side of the range operator (..) must evaluate to an integer",
                               value: describe(lhs))
        }
        if let rhs, !isInteger(rhs) {
            throw JSONataError(code: "T2004", message: "The right side of the range operator (..) must evaluate to an integer",
                               value: describe(rhs))
        }
        guard case .number(let low)? = lhs, case .number(let high)? = rhs else { return nil }
        if low > high { return nil }
        let size = high - low + 1
        if size > 1e7 {
            throw JSONataError(code: "D2014", message: "The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate \(JSNumber.string(size)).",
                               value: JSNumber.string(size))
        }
        let start = Int(low)
        let count = Int(size)
        var items: [Value] = []
        items.reserveCapacity(count)
        for offset in 0..<count { items.append(.number(Double(start + offset))) }
        return .array(ArrayValue.sequence(items))
    }

    /// Object constructor / group-by (jsonata-js `evaluateGroupExpression`).
    func evaluateGroupExpression(_ pairs: [(Node, Node)], position: Int, _ input: Value?,
                                 _ environment: Frame) throws -> ObjectValue {
        let result = ObjectValue()
        var groups: OrderedDictionary<String, (data: Value?, index: Int)> = [:]
        var reduce = false
        var items: [Value?]
        if case .array(let array)? = input {
            reduce = array.isTupleStream
            items = array.items.map { Optional($0) }
        } else {
            items = [input]
        }
        if items.isEmpty { items = [nil] }
        for item in items {
            let frame = reduce ? frameFromTuple(environment, item) : environment
            var context = item
            if reduce, case .object(let tuple)? = item { context = tuple.members["@"] }
            for (pairIndex, pair) in pairs.enumerated() {
                let key = try evaluate(pair.0, context, frame)
                guard let key else { continue }
                guard case .string(let name) = key else {
                    throw JSONataError(code: "T1003", message: "Key in object structure must evaluate to a string; got: \(describe(key))",
                                       position: position, value: describe(key))
                }
                if let existing = groups[name] {
                    if existing.index != pairIndex {
                        throw JSONataError(code: "D1009", message: "Multiple key definitions evaluate to same key: \(name)",
                                           position: position, value: name)
                    }
                    groups[name] = (appendValues(existing.data, item), pairIndex)
                } else {
                    groups[name] = (item, pairIndex)
                }
            }
        }
        for (key, entry) in groups {
            var context = entry.data
            var frame = environment
            if reduce {
                let tuple = reduceTupleStream(entry.data)
                context = tuple.members.removeValue(forKey: "@")
                frame = frameFromTuple(environment, .object(tuple))
            }
            if let value = try evaluate(pairs[entry.index].1, context, frame) {
                result.members[key] = value
            }
        }
        return result
    }

    private func reduceTupleStream(_ stream: Value?) -> ObjectValue {
        switch stream {
        case .object(let tuple)?:
            return ObjectValue(tuple.members)
        case .array(let array)?:
            let result = ObjectValue()
            for (index, item) in array.items.enumerated() {
                guard case .object(let tuple) = item else { continue }
                if index == 0 {
                    result.members = tuple.members
                    continue
                }
                for (name, value) in tuple.members {
                    result.members[name] = appendValues(result.members[name], value)
                }
            }
            return result
        default:
            return ObjectValue()
        }
    }
}

/// JavaScript string ordering (UTF-16 code units).
func compareStrings(_ a: String, _ b: String) -> Int {
    if a == b { return 0 }
    return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
}
