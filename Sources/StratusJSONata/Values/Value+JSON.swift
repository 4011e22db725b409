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
            var converted = OrderedDictionary<String, Value>()
            converted.reserveCapacity(members.count)
            for (key, member) in members { converted[key] = Value(json: member) }
            self = .object(ObjectValue(converted))
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
            var members = OrderedDictionary<String, JSONValue>()
            members.reserveCapacity(object.members.count)
            for (key, member) in object.members { members[key] = try member.json() }
            return .object(members)
        }
    }

    static func jsonNumber(_ n: Double) throws -> JSONNumber {
        guard n.isFinite else {
            throw JSONataError(code: "D1001", message: "Number out of range: \(JSNumber.string(n))", value: JSNumber.string(n))
        }
        if n.rounded(.towardZero) == n && n.magnitude < 9_007_199_254_740_992 {
            return JSONNumber(Int64(n))
        }
        return JSONNumber(n)
    }
}
