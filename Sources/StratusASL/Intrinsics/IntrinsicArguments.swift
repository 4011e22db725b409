import StratusJSON

/// The evaluated arguments of one call, with typed accessors that fail the way AWS does
/// (`States.IntrinsicFailure`).
struct IntrinsicArguments {
    let function: IntrinsicFunction
    let values: [JSONValue]
    /// The arguments as written (for `States.Format`'s literal template).
    let literals: [IntrinsicArgument]

    /// Character limit of `States.Base64Encode`, `States.Base64Decode` and `States.Hash` inputs.
    static let maximumInputLength = 10_000
    /// Most elements `States.ArrayRange` may produce.
    static let maximumRangeLength = 1_000

    func failure(_ detail: String) -> StatesError {
        StatesError(name: StatesError.intrinsicFailure, cause: "Invalid arguments in \(function.rawValue): \(detail)")
    }

    private static let ordinals = ["first", "second", "third", "fourth", "fifth"]

    func ordinal(_ index: Int) -> String {
        index < Self.ordinals.count ? Self.ordinals[index] : "argument #\(index + 1)"
    }

    func string(_ index: Int) throws(StatesError) -> String {
        guard case .string(let text) = values[index] else {
            throw failure("the \(ordinal(index)) argument must be a string, but was \(values[index].typeName)")
        }
        return text
    }

    func array(_ index: Int) throws(StatesError) -> [JSONValue] {
        guard case .array(let elements) = values[index] else {
            throw failure("the \(ordinal(index)) argument must be an array, but was \(values[index].typeName)")
        }
        return elements
    }

    func number(_ index: Int) throws(StatesError) -> JSONNumber {
        guard case .number(let number) = values[index] else {
            throw failure("the \(ordinal(index)) argument must be a number, but was \(values[index].typeName)")
        }
        return number
    }

    /// A number rounded half up (Java's `Math.round`: 1.5 → 2, -1.5 → -1, -2.5 → -2), within the 32-bit range.
    func roundedInt32(_ index: Int) throws(StatesError) -> Int64 {
        let number = try number(index)
        if let exact = number.int64Value {
            guard let value = Int32(exactly: exact) else { throw outOfRange(index, number) }
            return Int64(value)
        }
        let rounded = (number.doubleValue + 0.5).rounded(.down)
        guard let value = Int32(exactly: rounded) else { throw outOfRange(index, number) }
        return Int64(value)
    }

    private func outOfRange(_ index: Int, _ number: JSONNumber) -> StatesError {
        failure("the \(ordinal(index)) argument (\(number.text)) must be within the 32-bit integer range [-2147483648, 2147483647]")
    }

    /// A number with an integral value (any form: `2` or `2.0`).
    func integer(_ index: Int) throws(StatesError) -> Int {
        let number = try number(index)
        guard let value = number.intValue else {
            throw failure("the \(ordinal(index)) argument must be an integer, but was \(number.text)")
        }
        return value
    }

    /// The input length in UTF-16 units (Java's `String.length()`), checked against ``maximumInputLength``.
    func checkLength(_ text: String, _ index: Int) throws(StatesError) {
        let length = text.utf16.count
        guard length <= Self.maximumInputLength else {
            throw failure("the \(ordinal(index)) argument has \(length) characters; at most \(Self.maximumInputLength) are allowed")
        }
    }

    func apply(environment: IntrinsicEnvironment) throws(StatesError) -> JSONValue {
        switch function {
        case .format: return try format()
        case .stringToJson: return try stringToJson()
        case .jsonToString: return .string(values[0].serializedString())
        case .array: return .array(values)
        case .arrayPartition: return try arrayPartition()
        case .arrayContains: return .bool(try array(0).contains(values[1]))
        case .arrayRange: return try arrayRange()
        case .arrayGetItem: return try arrayGetItem()
        case .arrayLength: return .number(JSONNumber(try array(0).count))
        case .arrayUnique: return try arrayUnique()
        case .base64Encode: return try base64Encode()
        case .base64Decode: return try base64Decode()
        case .hash: return try hash()
        case .jsonMerge: return try jsonMerge()
        case .mathRandom: return try mathRandom(environment: environment)
        case .mathAdd: return try mathAdd()
        case .stringSplit: return try stringSplit()
        case .uuid: return .string(environment.makeUUID())
        }
    }
}
