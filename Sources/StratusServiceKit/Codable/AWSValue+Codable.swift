import Foundation
import OrderedCollections

/// `AWSValue` as a `Codable` member, for document-typed members of generated shapes.
///
/// Through ``AWSValueDecoder`` and ``AWSValueEncoder`` the node passes unchanged. Through any other coder (for
/// example `JSONDecoder`/`JSONEncoder`) the generic JSON forms are used: `null`, booleans, integers (when the number
/// fits `Int64`), doubles, strings, arrays and objects; encoding writes a blob as a base64 string and a timestamp
/// as epoch seconds, so those two do not come back as the same case.
extension AWSValue: Codable {
    /// The node itself through ``AWSValueDecoder``; the generic JSON form through other decoders.
    package init(from decoder: any Decoder) throws {
        if let direct = decoder as? AWSValueDecoding {
            self = direct.value
            return
        }
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() {
                self = .null
                return
            }
            if let flag = try? container.decode(Bool.self) {
                self = .boolean(flag)
                return
            }
            if let integer = try? container.decode(Int64.self) {
                self = .integer(integer)
                return
            }
            if let number = try? container.decode(Double.self) {
                self = .double(number)
                return
            }
            if let text = try? container.decode(String.self) {
                self = .string(text)
                return
            }
        }
        if let keyed = try? decoder.container(keyedBy: AWSValueCodingKey.self) {
            var members = OrderedDictionary<String, AWSValue>()
            for key in keyed.allKeys {
                members[key.stringValue] = try keyed.decode(AWSValue.self, forKey: key)
            }
            self = .object(members)
            return
        }
        var unkeyed = try decoder.unkeyedContainer()
        var elements: [AWSValue] = []
        if let count = unkeyed.count { elements.reserveCapacity(count) }
        while !unkeyed.isAtEnd {
            elements.append(try unkeyed.decode(AWSValue.self))
        }
        self = .list(elements)
    }

    /// The node itself through ``AWSValueEncoder``; the generic JSON form through other encoders.
    package func encode(to encoder: any Encoder) throws {
        if let direct = encoder as? AWSValueEncoding {
            direct.node = .value(self)
            return
        }
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .boolean(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .integer(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .double(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .blob(let data):
            var container = encoder.singleValueContainer()
            try container.encode(data.base64EncodedString())
        case .timestamp(let date):
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        case .list(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let members):
            var container = encoder.container(keyedBy: AWSValueCodingKey.self)
            for (key, member) in members {
                try container.encode(member, forKey: AWSValueCodingKey(stringValue: key))
            }
        }
    }
}
