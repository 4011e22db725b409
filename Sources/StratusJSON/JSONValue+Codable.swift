import OrderedCollections

/// The coding key for arbitrary object member names.
private struct JSONMemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension JSONValue: Codable {
    /// Reads any value from a generic decoder (for example Foundation's `JSONDecoder`).
    ///
    /// Numbers come back as integers when the decoder can read them as `Int64`, otherwise as decimals (so integers
    /// beyond `Int64` lose their exact digits on this path; use ``parse(_:)-(Collection<UInt8>)`` to keep them).
    /// Object member order is whatever order the decoder reports its keys in.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() {
                self = .null
                return
            }
            if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
                return
            }
            if let integer = try? container.decode(Int64.self) {
                self = .number(JSONNumber(integer))
                return
            }
            if let number = try? container.decode(Double.self), let finite = JSONNumber(exactly: number) {
                self = .number(finite)
                return
            }
            if let text = try? container.decode(String.self) {
                self = .string(text)
                return
            }
        }
        if let keyed = try? decoder.container(keyedBy: JSONMemberKey.self) {
            var members = OrderedDictionary<String, JSONValue>()
            for key in keyed.allKeys {
                members[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key)
            }
            self = .object(members)
            return
        }
        var unkeyed = try decoder.unkeyedContainer()
        var elements: [JSONValue] = []
        while !unkeyed.isAtEnd {
            elements.append(try unkeyed.decode(JSONValue.self))
        }
        self = .array(elements)
    }

    /// Writes the value to a generic encoder: integers that fit `Int64` as integers, other numbers as `Double`,
    /// objects with their members in order.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .number(let number):
            var container = encoder.singleValueContainer()
            if number.isInteger, let integer = number.int64Value {
                try container.encode(integer)
            } else {
                try container.encode(number.doubleValue)
            }
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let members):
            var container = encoder.container(keyedBy: JSONMemberKey.self)
            for (key, member) in members {
                try container.encode(member, forKey: JSONMemberKey(stringValue: key))
            }
        }
    }
}
