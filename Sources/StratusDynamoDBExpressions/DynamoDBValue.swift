// DynamoDB's attribute value: the ten types of its data model.

/// An item: attribute names to values.
package typealias DynamoDBItem = [String: DynamoDBValue]

/// One DynamoDB attribute value (the wire `AttributeValue` union).
///
/// Guarantees: `==` is DynamoDB's equality (numbers numerically, sets as unordered sets, maps by keys and values,
/// lists element-wise in order); `Hashable` agrees with it. Set members keep the order they were given in, so
/// a value echoes back as it was stored. It does not itself enforce DynamoDB's rules (non-empty sets, unique
/// members): ``DynamoDBValue/validate()`` checks those.
package indirect enum DynamoDBValue: Sendable, Hashable, CustomStringConvertible {
    /// `S`: a UTF-8 string.
    case string(String)
    /// `N`: an exact decimal number.
    case number(DynamoDBNumber)
    /// `B`: bytes.
    case binary([UInt8])
    /// `SS`: a set of strings.
    case stringSet([String])
    /// `NS`: a set of numbers.
    case numberSet([DynamoDBNumber])
    /// `BS`: a set of byte strings.
    case binarySet([[UInt8]])
    /// `M`: a map of names to values.
    case map([String: DynamoDBValue])
    /// `L`: an ordered list of values.
    case list([DynamoDBValue])
    /// `NULL`: the null value.
    case null
    /// `BOOL`: a boolean.
    case bool(Bool)

    /// The DynamoDB type descriptor: "S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL" or "BOOL".
    package var typeName: String {
        switch self {
        case .string: "S"
        case .number: "N"
        case .binary: "B"
        case .stringSet: "SS"
        case .numberSet: "NS"
        case .binarySet: "BS"
        case .map: "M"
        case .list: "L"
        case .null: "NULL"
        case .bool: "BOOL"
        }
    }

    /// All type descriptors DynamoDB knows, in the order its messages list them.
    package static let typeNames = ["S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"]

    /// DynamoDB's equality.
    package static func == (left: DynamoDBValue, right: DynamoDBValue) -> Bool {
        switch (left, right) {
        case let (.string(a), .string(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.binary(a), .binary(b)): a == b
        case let (.stringSet(a), .stringSet(b)): Set(a) == Set(b)
        case let (.numberSet(a), .numberSet(b)): Set(a) == Set(b)
        case let (.binarySet(a), .binarySet(b)): Set(a) == Set(b)
        case let (.map(a), .map(b)): a == b
        case let (.list(a), .list(b)): a == b
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        default: false
        }
    }

    /// Hashes consistently with ``==(_:_:)`` (set members are hashed order-independently).
    package func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        switch self {
        case let .string(value): hasher.combine(value)
        case let .number(value): hasher.combine(value)
        case let .binary(value): hasher.combine(value)
        case let .stringSet(value): hasher.combine(Set(value))
        case let .numberSet(value): hasher.combine(Set(value))
        case let .binarySet(value): hasher.combine(Set(value))
        case let .map(value): hasher.combine(value)
        case let .list(value): hasher.combine(value)
        case .null: break
        case let .bool(value): hasher.combine(value)
        }
    }

    /// DynamoDB's rendering of a value inside messages, e.g. `{N:5}`, `{S:abc}`, `{SS:[a, b]}`.
    package var description: String {
        switch self {
        case let .string(value): "{S:\(value)}"
        case let .number(value): "{N:\(value)}"
        case let .binary(value): "{B:\(Self.base64(value))}"
        case let .stringSet(value): "{SS:[\(value.joined(separator: ", "))]}"
        case let .numberSet(value): "{NS:[\(value.map(\.description).joined(separator: ", "))]}"
        case let .binarySet(value): "{BS:[\(value.map(Self.base64).joined(separator: ", "))]}"
        case let .map(value):
            "{M:{\(value.keys.sorted().map { "\($0)=\(value[$0]!)" }.joined(separator: ", "))}}"
        case let .list(value): "{L:[\(value.map(\.description).joined(separator: ", "))]}"
        case .null: "{NULL:true}"
        case let .bool(value): "{BOOL:\(value)}"
        }
    }

    /// Standard base64 (with padding) of bytes, as DynamoDB's JSON shows binary.
    package static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let first = bytes[index]
            let second = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : 61)
            output.append(index + 2 < bytes.count ? alphabet[Int(third & 0x3F)] : 61)
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
