import Foundation

/// The `Decoder` behind ``AWSValueDecoder``: one node of the value tree and where it sits.
///
/// The coding path is kept as a link to the parent decoder and built only when asked for (errors, or
/// `init(from:)` implementations that read it), so decoding does not copy paths at every level.
final class AWSValueDecoding: Decoder {
    let value: AWSValue
    let parent: AWSValueDecoding?
    let key: (any CodingKey)?
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    init(
        value: AWSValue, parent: AWSValueDecoding?, key: (any CodingKey)?,
        userInfo: [CodingUserInfoKey: any Sendable]
    ) {
        self.value = value
        self.parent = parent
        self.key = key
        self.sendableUserInfo = userInfo
    }

    /// The keys from the root to this node.
    private(set) lazy var codingPath: [any CodingKey] = Self.path(parent: parent, key: key)

    /// The coding path of a child `key` of `parent` (the root when both are `nil`).
    static func path(parent: AWSValueDecoding?, key: (any CodingKey)?) -> [any CodingKey] {
        var path = parent?.codingPath ?? []
        if let key { path.append(key) }
        return path
    }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw Self.typeMismatch([String: AWSValue].self, expected: "an object", found: value, codingPath)
        }
        return KeyedDecodingContainer(AWSValueKeyedDecodingContainer<Key>(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .list(let elements) = value else {
            throw Self.typeMismatch([AWSValue].self, expected: "a list", found: value, codingPath)
        }
        return AWSValueUnkeyedDecodingContainer(elements: elements, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: - Unboxing

    /// Decodes `type` from `value`, the child `key` of `parent`, with fast paths for the scalar types the bridge
    /// maps directly.
    static func unbox<T: Decodable>(
        _ value: AWSValue, as type: T.Type, parent: AWSValueDecoding?, key: (any CodingKey)?,
        userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> T {
        let codingPath = { path(parent: parent, key: key) }
        if T.self == AWSValue.self { return value as! T }
        if T.self == String.self { return try unboxString(value, codingPath()) as! T }
        if T.self == Date.self { return try unboxDate(value, codingPath()) as! T }
        if T.self == Data.self { return try unboxData(value, codingPath()) as! T }
        if T.self == Bool.self { return try unboxBool(value, codingPath()) as! T }
        if T.self == Int.self { return try unboxInteger(value, as: Int.self, codingPath()) as! T }
        if T.self == Int64.self { return try unboxInteger(value, as: Int64.self, codingPath()) as! T }
        if T.self == Int32.self { return try unboxInteger(value, as: Int32.self, codingPath()) as! T }
        if T.self == Double.self { return try unboxDouble(value, codingPath()) as! T }
        return try T(from: AWSValueDecoding(value: value, parent: parent, key: key, userInfo: userInfo))
    }

    static func unboxString(_ value: AWSValue, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> String {
        guard case .string(let text) = value else {
            throw typeMismatch(String.self, expected: "a string", found: value, codingPath())
        }
        return text
    }

    static func unboxBool(_ value: AWSValue, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case .boolean(let flag) = value else {
            throw typeMismatch(Bool.self, expected: "a boolean", found: value, codingPath())
        }
        return flag
    }

    static func unboxInteger<T: FixedWidthInteger>(
        _ value: AWSValue, as type: T.Type, _ codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> T {
        switch value {
        case .integer(let number):
            guard let result = T(exactly: number) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: codingPath(), debugDescription: "\(number) does not fit \(T.self)"))
            }
            return result
        case .double(let number):
            guard let result = T(exactly: number) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: codingPath(), debugDescription: "\(number) is not an integer that fits \(T.self)"))
            }
            return result
        default:
            throw typeMismatch(T.self, expected: "an integer", found: value, codingPath())
        }
    }

    static func unboxDouble(_ value: AWSValue, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> Double {
        switch value {
        case .double(let number): return number
        case .integer(let number): return Double(number)
        default: throw typeMismatch(Double.self, expected: "a number", found: value, codingPath())
        }
    }

    static func unboxDate(_ value: AWSValue, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> Date {
        switch value {
        case .timestamp(let date): return date
        case .integer(let seconds): return Date(timeIntervalSince1970: Double(seconds))
        case .double(let seconds) where seconds.isFinite: return Date(timeIntervalSince1970: seconds)
        default: throw typeMismatch(Date.self, expected: "a timestamp", found: value, codingPath())
        }
    }

    static func unboxData(_ value: AWSValue, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> Data {
        switch value {
        case .blob(let data):
            return data
        case .string(let text):
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: codingPath(), debugDescription: "string is not valid base64 for a blob"))
            }
            return data
        default:
            throw typeMismatch(Data.self, expected: "a blob", found: value, codingPath())
        }
    }

    static func typeMismatch(
        _ type: Any.Type, expected: String, found value: AWSValue, _ codingPath: @autoclosure () -> [any CodingKey]
    ) -> DecodingError {
        if case .null = value {
            return DecodingError.valueNotFound(type, .init(
                codingPath: codingPath(), debugDescription: "expected \(expected), found null"))
        }
        return DecodingError.typeMismatch(type, .init(
            codingPath: codingPath(), debugDescription: "expected \(expected), found \(value.kindDescription)"))
    }
}

extension AWSValueDecoding: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try Self.unboxBool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try Self.unboxString(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try Self.unboxDouble(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try Self.unboxDouble(value, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Self.unboxInteger(value, as: type, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Self.unboxInteger(value, as: type, codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try Self.unbox(value, as: type, parent: parent, key: key, userInfo: sendableUserInfo)
    }
}

extension AWSValue {
    /// A short name of the case for error messages (`a string`, `an object`).
    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .boolean: return "a boolean"
        case .integer: return "an integer"
        case .double: return "a double"
        case .string: return "a string"
        case .blob: return "a blob"
        case .timestamp: return "a timestamp"
        case .list: return "a list"
        case .object: return "an object"
        }
    }
}
