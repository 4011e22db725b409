/// The 18 intrinsic functions of JSONPath states, by their AWS names.
///
/// Guarantees: ``rawValue`` is the exact name as written in a definition (`States.Format`); names are
/// case-sensitive. ``arity`` is the argument count AWS accepts, checked when an expression is parsed.
public enum IntrinsicFunction: String, Sendable, Hashable, CaseIterable {
    /// `States.Format(template, values…)`
    case format = "States.Format"
    /// `States.StringToJson(text)`
    case stringToJson = "States.StringToJson"
    /// `States.JsonToString(value)`
    case jsonToString = "States.JsonToString"
    /// `States.Array(values…)`
    case array = "States.Array"
    /// `States.ArrayPartition(array, size)`
    case arrayPartition = "States.ArrayPartition"
    /// `States.ArrayContains(array, value)`
    case arrayContains = "States.ArrayContains"
    /// `States.ArrayRange(start, end, step)`
    case arrayRange = "States.ArrayRange"
    /// `States.ArrayGetItem(array, index)`
    case arrayGetItem = "States.ArrayGetItem"
    /// `States.ArrayLength(array)`
    case arrayLength = "States.ArrayLength"
    /// `States.ArrayUnique(array)`
    case arrayUnique = "States.ArrayUnique"
    /// `States.Base64Encode(text)`
    case base64Encode = "States.Base64Encode"
    /// `States.Base64Decode(text)`
    case base64Decode = "States.Base64Decode"
    /// `States.Hash(data, algorithm)`
    case hash = "States.Hash"
    /// `States.JsonMerge(object, object, false)`
    case jsonMerge = "States.JsonMerge"
    /// `States.MathRandom(start, end[, seed])`
    case mathRandom = "States.MathRandom"
    /// `States.MathAdd(a, b)`
    case mathAdd = "States.MathAdd"
    /// `States.StringSplit(text, delimiters)`
    case stringSplit = "States.StringSplit"
    /// `States.UUID()`
    case uuid = "States.UUID"

    /// The argument counts the function accepts.
    public var arity: ClosedRange<Int> {
        switch self {
        case .format: return 1...Int.max
        case .array: return 0...Int.max
        case .uuid: return 0...0
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: return 1...1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: return 2...2
        case .mathRandom: return 2...3
        case .arrayRange, .jsonMerge: return 3...3
        }
    }
}
