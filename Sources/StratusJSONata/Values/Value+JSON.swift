import OrderedCollections
import StratusJSON

extension Value {
    /// A JSONata value from JSON (numbers become doubles, as in JavaScript).
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n.doubleValue)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(ArrayValue(items.map(Value.init(json:))))
        case .object(let members):
            self = .object(ObjectValue(json: members))
        }
    }

    /// The JSON form of a result: sequences become arrays; integral doubles print as integers; functions become
    /// `""` (as `$string` prints them); non-finite numbers raise D1001.
    func json() throws -> JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(try Value.jsonNumber(n))
        case .string(let s): return .string(s)
        case .function: return .string("")
        case .array(let array):
            var items: [JSONValue] = []
            items.reserveCapacity(array.items.count)
            for item in array.items { items.append(try item.json()) }
            return .array(items)
        case .object(let object):
            if let untouched = object.untouchedJSON { return .object(try untouched.mapValues(Value.normalized)) }
            return .object(try object.members.mapValues { member in try member.json() })
        }
    }

    /// JSON as it would come back out of JavaScript: numbers through doubles (`1.0` → `1`, big integers
    /// rounded), used for input parts that were never touched.
    static func normalized(_ json: JSONValue) throws -> JSONValue {
        switch json {
        case .number(let number): return .number(try jsonNumber(number.doubleValue))
        case .array(let items): return .array(try items.map(normalized))
        case .object(let members): return .object(try members.mapValues(normalized))
        default: return json
        }
    }

    /// The JSON number JavaScript would print for `n` (`JSON.stringify`): safe integers as integers, everything
    /// else in `Number::toString` form (`1e+21`, `100000000000000000000`, `0.1`). Non-finite numbers raise D1001.
    static func jsonNumber(_ n: Double) throws -> JSONNumber {
        guard n.isFinite else {
            throw JSONataError(code: "D1001", message: "Number out of range: \(JSNumber.string(n))", value: JSNumber.string(n))
        }
        if n.rounded(.towardZero) == n && n.magnitude < 9_007_199_254_740_992 {
            return JSONNumber(Int64(n))
        }
        return JSONNumber(text: JSNumber.string(n)) ?? JSONNumber(n)
    }
}
