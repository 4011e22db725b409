import OrderedCollections

/// A JSONata value during evaluation (JavaScript semantics: numbers are doubles, arrays and objects are shared
/// references like JS objects). `Value?` is used everywhere: `nil` is JSONata's *undefined*, distinct from `.null`.
enum Value {
    /// JSON `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// A number (IEEE double, as in JavaScript).
    case number(Double)
    /// A string (counted in Unicode scalars by the string functions).
    case string(String)
    /// An array or an engine-made sequence (see ``ArrayValue``'s flags).
    case array(ArrayValue)
    /// An object, members in insertion order.
    case object(ObjectValue)
    /// A lambda, native function, regex matcher or transform.
    case function(FunctionValue)
}

/// An array with jsonata-js's hidden flags. A reference type, like a JavaScript array: the transform operator
/// mutates matched objects in place inside a cloned document.
final class ArrayValue {
    /// The members.
    var items: [Value]
    /// Made by the engine (a result sequence), not by the document or an array constructor.
    var isSequence: Bool
    /// Built by an array constructor `[...]`: never flattened by path steps.
    var isCons = false
    /// `x[]`: a one-member result stays an array.
    var keepSingleton = false
    /// The top-level input array wrapped so that paths treat it as one item.
    var outerWrapper = false
    /// A stream of tuples (objects mapping binding names and `@` to values) for `@`/`#`/`%` paths.
    var isTupleStream = false

    init(_ items: [Value] = [], sequence: Bool = false) {
        self.items = items
        self.isSequence = sequence
    }

    /// A new engine sequence.
    static func sequence(_ items: [Value] = []) -> ArrayValue { ArrayValue(items, sequence: true) }

    var count: Int { items.count }
}

/// An object (insertion-ordered members); a reference type, like a JavaScript object.
final class ObjectValue {
    var members: OrderedDictionary<String, Value>
    init(_ members: OrderedDictionary<String, Value> = [:]) { self.members = members }
}

extension Value {
    /// `true` for numbers that are not NaN (jsonata-js `isNumeric`); infinities raise D1001 as there.
    func isNumeric() throws -> Bool {
        guard case .number(let number) = self else { return false }
        if number.isNaN { return false }
        if !number.isFinite {
            throw JSONataError(code: "D1001", message: "Number out of range: \(JSNumber.string(number))",
                               value: JSNumber.string(number))
        }
        return true
    }

    var numberValue: Double? { if case .number(let n) = self { return n }; return nil }
    var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    var arrayValue: ArrayValue? { if case .array(let a) = self { return a }; return nil }
    var objectValue: ObjectValue? { if case .object(let o) = self { return o }; return nil }
    var functionValue: FunctionValue? { if case .function(let f) = self { return f }; return nil }
    var isArray: Bool { if case .array = self { return true }; return false }
    var isFunction: Bool { if case .function = self { return true }; return false }

    /// An engine sequence (array with the `sequence` flag).
    var isSequence: Bool { if case .array(let a) = self { return a.isSequence }; return false }

    /// The one-letter type symbol used by function signatures (`m` is never returned here: that is undefined).
    var signatureSymbol: UInt8 {
        switch self {
        case .null: return UInt8(ascii: "l")
        case .bool: return UInt8(ascii: "b")
        case .number: return UInt8(ascii: "n")
        case .string: return UInt8(ascii: "s")
        case .array: return UInt8(ascii: "a")
        case .object: return UInt8(ascii: "o")
        case .function: return UInt8(ascii: "f")
        }
    }
}

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
