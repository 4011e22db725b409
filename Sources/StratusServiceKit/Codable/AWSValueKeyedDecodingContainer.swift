import Foundation
import OrderedCollections

/// Reads the members of an ``AWSValue/object(_:)`` by `CodingKey.stringValue`.
struct AWSValueKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: OrderedDictionary<String, AWSValue>
    let decoder: AWSValueDecoding

    init(members: OrderedDictionary<String, AWSValue>, decoder: AWSValueDecoding) {
        self.members = members
        self.decoder = decoder
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> AWSValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(
                codingPath: codingPath, debugDescription: "missing member \"\(key.stringValue)\""))
        }
        return value
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    private func unbox<T: Decodable>(_ value: AWSValue, as type: T.Type, _ key: Key) throws -> T {
        try AWSValueDecoding.unbox(value, as: type, parent: decoder, key: key, userInfo: decoder.sendableUserInfo)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try member(key) { return true }
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try AWSValueDecoding.unboxBool(member(key), path(key))
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try AWSValueDecoding.unboxString(member(key), path(key))
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try AWSValueDecoding.unboxDouble(member(key), path(key))
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try AWSValueDecoding.unboxDouble(member(key), path(key)))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
        try AWSValueDecoding.unboxInteger(member(key), as: T.self, path(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try unbox(member(key), as: type, key)
    }

    /// Absent members and `.null` both decode as `nil`.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = members[key.stringValue] else { return nil }
        if case .null = value { return nil }
        return try unbox(value, as: type, key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try childDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try childDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        AWSValueDecoding(
            value: members["super"] ?? .null, parent: decoder, key: AWSValueCodingKey(stringValue: "super"),
            userInfo: decoder.sendableUserInfo)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        AWSValueDecoding(
            value: members[key.stringValue] ?? .null, parent: decoder, key: key, userInfo: decoder.sendableUserInfo)
    }

    private func childDecoder(_ key: Key) throws -> AWSValueDecoding {
        AWSValueDecoding(value: try member(key), parent: decoder, key: key, userInfo: decoder.sendableUserInfo)
    }
}
