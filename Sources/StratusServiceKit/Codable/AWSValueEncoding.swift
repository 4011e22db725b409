import Foundation

/// The `Encoder` behind ``AWSValueEncoder``: collects what one value encodes into a node.
///
/// The coding path is kept as a link to the parent encoder and built only when asked for.
final class AWSValueEncoding: Encoder {
    let parent: AWSValueEncoding?
    let key: (any CodingKey)?
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]
    /// What has been encoded so far; `nil` until a container or single value is used.
    var node: AWSValueEncodingNode?

    init(parent: AWSValueEncoding?, key: (any CodingKey)?, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.parent = parent
        self.key = key
        self.sendableUserInfo = userInfo
    }

    /// The keys from the root to this node.
    private(set) lazy var codingPath: [any CodingKey] = Self.path(parent: parent, key: key)

    /// The coding path of a child `key` of `parent` (the root when both are `nil`).
    static func path(parent: AWSValueEncoding?, key: (any CodingKey)?) -> [any CodingKey] {
        var path = parent?.codingPath ?? []
        if let key { path.append(key) }
        return path
    }

    /// A child encoder for the member or element `key`.
    func child(_ key: any CodingKey) -> AWSValueEncoding {
        AWSValueEncoding(parent: self, key: key, userInfo: sendableUserInfo)
    }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: AWSValueEncodingNode.ObjectBox
        if case .object(let existing) = node {
            box = existing
        } else {
            box = AWSValueEncodingNode.ObjectBox()
            node = .object(box)
        }
        return KeyedEncodingContainer(AWSValueKeyedEncodingContainer<Key>(box: box, encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: AWSValueEncodingNode.ListBox
        if case .list(let existing) = node {
            box = existing
        } else {
            box = AWSValueEncodingNode.ListBox()
            node = .list(box)
        }
        return AWSValueUnkeyedEncodingContainer(box: box, encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: - Boxing

    /// Encodes `value`, the child `key` of `parent`, with fast paths for the scalar types the bridge maps directly.
    static func box<T: Encodable>(
        _ value: T, parent: AWSValueEncoding?, key: (any CodingKey)?, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> AWSValueEncodingNode {
        if T.self == AWSValue.self { return .value(value as! AWSValue) }
        if T.self == String.self { return .value(.string(value as! String)) }
        if T.self == Date.self { return .value(.timestamp(value as! Date)) }
        if T.self == Data.self { return .value(.blob(value as! Data)) }
        if T.self == Bool.self { return .value(.boolean(value as! Bool)) }
        if T.self == Int.self { return .value(.integer(Int64(value as! Int))) }
        if T.self == Int64.self { return .value(.integer(value as! Int64)) }
        if T.self == Int32.self { return .value(.integer(Int64(value as! Int32))) }
        if T.self == Double.self { return .value(.double(value as! Double)) }
        let encoder = AWSValueEncoding(parent: parent, key: key, userInfo: userInfo)
        if let map = value as? any AWSValueSortedMapEncodable {
            return try map.sortedObjectNode(encoder: encoder)
        }
        try value.encode(to: encoder)
        return encoder.node ?? .value(.emptyObject)
    }

    static func integer<T: BinaryInteger>(
        _ value: T, codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> AWSValue {
        guard let number = Int64(exactly: value) else {
            throw EncodingError.invalidValue(value, .init(
                codingPath: codingPath(), debugDescription: "\(value) does not fit a 64-bit signed integer"))
        }
        return .integer(number)
    }
}

extension AWSValueEncoding: SingleValueEncodingContainer {
    private func set(_ value: AWSValue) {
        node = .value(value)
    }

    func encodeNil() { set(.null) }
    func encode(_ value: Bool) { set(.boolean(value)) }
    func encode(_ value: String) { set(.string(value)) }
    func encode(_ value: Double) { set(.double(value)) }
    func encode(_ value: Float) { set(.double(Double(value))) }
    func encode(_ value: Int) { set(.integer(Int64(value))) }
    func encode(_ value: Int8) { set(.integer(Int64(value))) }
    func encode(_ value: Int16) { set(.integer(Int64(value))) }
    func encode(_ value: Int32) { set(.integer(Int64(value))) }
    func encode(_ value: Int64) { set(.integer(value)) }
    func encode(_ value: UInt) throws { set(try Self.integer(value, codingPath: codingPath)) }
    func encode(_ value: UInt8) { set(.integer(Int64(value))) }
    func encode(_ value: UInt16) { set(.integer(Int64(value))) }
    func encode(_ value: UInt32) { set(.integer(Int64(value))) }
    func encode(_ value: UInt64) throws { set(try Self.integer(value, codingPath: codingPath)) }

    func encode<T: Encodable>(_ value: T) throws {
        node = try Self.box(value, parent: parent, key: key, userInfo: sendableUserInfo)
    }
}
