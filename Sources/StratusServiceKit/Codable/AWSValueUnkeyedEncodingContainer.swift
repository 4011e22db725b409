import Foundation

/// Appends elements to an ``AWSValue/list(_:)``.
struct AWSValueUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let box: AWSValueEncodingNode.ListBox
    let encoder: AWSValueEncoding

    init(box: AWSValueEncodingNode.ListBox, encoder: AWSValueEncoding) {
        self.box = box
        self.encoder = encoder
    }

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { box.elements.count }

    private func nextPath() -> [any CodingKey] { codingPath + [AWSValueCodingKey.index(box.elements.count)] }

    private func append(_ value: AWSValue) { box.elements.append(.value(value)) }

    mutating func encodeNil() { append(.null) }
    mutating func encode(_ value: Bool) { append(.boolean(value)) }
    mutating func encode(_ value: String) { append(.string(value)) }
    mutating func encode(_ value: Double) { append(.double(value)) }
    mutating func encode(_ value: Float) { append(.double(Double(value))) }
    mutating func encode(_ value: Int) { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) { append(.integer(value)) }
    mutating func encode(_ value: UInt8) { append(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) { append(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) { append(.integer(Int64(value))) }
    mutating func encode(_ value: UInt) throws { append(try AWSValueEncoding.integer(value, codingPath: nextPath())) }
    mutating func encode(_ value: UInt64) throws { append(try AWSValueEncoding.integer(value, codingPath: nextPath())) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let node = try AWSValueEncoding.box(
            value, parent: encoder, key: AWSValueCodingKey.index(box.elements.count), userInfo: encoder.sendableUserInfo)
        box.elements.append(node)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = encoder.child(AWSValueCodingKey.index(box.elements.count))
        let container = child.container(keyedBy: keyType)
        box.elements.append(child.node!)
        return container
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = encoder.child(AWSValueCodingKey.index(box.elements.count))
        let container = child.unkeyedContainer()
        box.elements.append(child.node!)
        return container
    }

    mutating func superEncoder() -> any Encoder {
        let child = encoder.child(AWSValueCodingKey.index(box.elements.count))
        box.elements.append(.deferred(child))
        return child
    }
}
