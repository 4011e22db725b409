import OrderedCollections

// jsonata-js's value helpers (utils.js): sequences, append, equality, truthiness, cloning.

/// jsonata-js `createSequence(x)`: a sequence holding `x` (nothing when `x` is undefined).
func makeSequence(_ value: Value?) -> ArrayValue {
    let sequence = ArrayValue.sequence()
    if let value { sequence.items.append(value) }
    return sequence
}

/// Whether every member is a (non-NaN) number; jsonata-js `isArrayOfNumbers`.
func isArrayOfNumbers(_ value: Value?) throws -> Bool {
    guard case .array(let array)? = value else { return false }
    for item in array.items where !(try item.isNumeric()) { return false }
    return true
}

/// Whether every member is a string; jsonata-js `isArrayOfStrings`.
func isArrayOfStrings(_ value: Value?) -> Bool {
    guard case .array(let array)? = value else { return false }
    for item in array.items { guard case .string = item else { return false } }
    return true
}

/// jsonata-js `fn.append`: concatenates (a plain array, as JavaScript's `concat` makes); undefined operands are ignored.
func appendValues(_ lhs: Value?, _ rhs: Value?) -> Value? {
    guard let lhs else { return rhs }
    guard let rhs else { return lhs }
    let result: ArrayValue
    if case .array(let left) = lhs {
        result = ArrayValue(left.items)
    } else {
        result = ArrayValue([lhs])
    }
    if case .array(let right) = rhs {
        result.items.append(contentsOf: right.items)
    } else {
        result.items.append(rhs)
    }
    return .array(result)
}

/// Deep equality as jsonata-js `isDeepEqual` (objects by key set, functions by identity).
func deepEqual(_ lhs: Value, _ rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)):
        if a === b { return true }
        guard a.items.count == b.items.count else { return false }
        for index in a.items.indices where !deepEqual(a.items[index], b.items[index]) { return false }
        return true
    case (.object(let a), .object(let b)):
        if a === b { return true }
        guard a.members.count == b.members.count else { return false }
        for (key, value) in a.members {
            guard let other = b.members[key], deepEqual(value, other) else { return false }
        }
        return true
    case (.function(let a), .function(let b)): return a.isIdentical(to: b)
    default: return false
    }
}

/// JavaScript `===` (strict equality: objects, arrays and functions by identity), used by `in`.
func strictEqual(_ lhs: Value, _ rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a === b
    case (.object(let a), .object(let b)): return a === b
    case (.function(let a), .function(let b)): return a.isIdentical(to: b)
    default: return false
    }
}

/// JavaScript truthiness (used where jsonata-js tests a raw value with `if`, e.g. sort comparators).
func javaScriptTruthy(_ value: Value?) -> Bool {
    switch value {
    case nil, .null?: return false
    case .bool(let b)?: return b
    case .number(let n)?: return n != 0 && !n.isNaN
    case .string(let s)?: return !s.isEmpty
    default: return true
    }
}

/// JSONata's effective boolean value (`$boolean`): nil for undefined.
func booleanValue(_ value: Value?) -> Bool? {
    guard let value else { return nil }
    switch value {
    case .null: return false
    case .bool(let b): return b
    case .number(let n): return n != 0 && !n.isNaN
    case .string(let s): return !s.isEmpty
    case .object(let o): return !o.members.isEmpty
    case .function: return false
    case .array(let a):
        if a.items.count == 1 { return booleanValue(a.items[0]) ?? false }
        for item in a.items where booleanValue(item) == true { return true }
        return false
    }
}

/// Whether a function is reachable inside `value` (JSON-backed objects never hold one).
func containsFunction(_ value: Value) -> Bool {
    switch value {
    case .function: return true
    case .array(let array): return array.items.contains(where: containsFunction)
    case .object(let object):
        if object.untouchedJSON != nil { return false }
        return object.members.values.contains(where: containsFunction)
    default: return false
    }
}

/// Deep copy of a JSON-like value (arrays and objects are new references); functions are shared.
func deepCopy(_ value: Value) -> Value {
    switch value {
    case .array(let a):
        let copy = ArrayValue(a.items.map(deepCopy), sequence: a.isSequence)
        copy.isCons = a.isCons
        copy.keepSingleton = a.keepSingleton
        return .array(copy)
    case .object(let o):
        var members = OrderedDictionary<String, Value>()
        members.reserveCapacity(o.members.count)
        for (key, member) in o.members { members[key] = deepCopy(member) }
        return .object(ObjectValue(members))
    default:
        return value
    }
}
