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
