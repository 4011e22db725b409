import Foundation
import OrderedCollections

/// Writes members of an ``AWSValue/object(_:)`` under `CodingKey.stringValue`.
struct AWSValueKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: AWSValueEncodingNode.ObjectBox
    let encoder: AWSValueEncoding

    init(box: AWSValueEncodingNode.ObjectBox, encoder: AWSValueEncoding) {
        self.box = box
        self.encoder = encoder
    }

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ value: AWSValue, _ key: Key) {
        box.members[key.stringValue] = .value(value)
    }

    /// An explicit `encodeNil` writes `.null`; `nil` optionals encoded with `encodeIfPresent` are omitted.
    mutating func encodeNil(forKey key: Key) { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { set(.boolean(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) { set(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) { set(.double(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { set(.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { set(.integer(Int64(value)), key) }

    mutating func encode(_ value: UInt, forKey key: Key) throws {
        set(try AWSValueEncoding.integer(value, codingPath: codingPath + [key]), key)
    }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        set(try AWSValueEncoding.integer(value, codingPath: codingPath + [key]), key)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.members[key.stringValue] = try AWSValueEncoding.box(
            value, parent: encoder, key: key, userInfo: encoder.sendableUserInfo)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = encoder.child(key)
        let container = child.container(keyedBy: keyType)
        box.members[key.stringValue] = child.node
        return container
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = encoder.child(key)
        let container = child.unkeyedContainer()
        box.members[key.stringValue] = child.node
        return container
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: "super", key: AWSValueCodingKey(stringValue: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key.stringValue, key: key)
    }

    private mutating func superEncoder(named name: String, key: any CodingKey) -> any Encoder {
        let child = encoder.child(key)
        box.members[name] = .deferred(child)
        return child
    }
}
