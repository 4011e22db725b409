import Foundation
import OrderedCollections

/// `[String: X]` maps, which the encoder writes with their keys in ascending order.
///
/// Swift dictionaries have no stable order (two equal dictionaries may iterate differently), so the bridge sorts
/// map keys to make encoded values, and everything serialized from them, deterministic.
protocol AWSValueSortedMapEncodable {
    /// The map as an object node with sorted keys; `encoder` stands for the map itself.
    func sortedObjectNode(encoder: AWSValueEncoding) throws -> AWSValueEncodingNode
}

extension Dictionary: AWSValueSortedMapEncodable where Key == String, Value: Encodable {
    func sortedObjectNode(encoder: AWSValueEncoding) throws -> AWSValueEncodingNode {
        let box = AWSValueEncodingNode.ObjectBox()
        box.members.reserveCapacity(count)
        for key in keys.sorted() {
            box.members[key] = try AWSValueEncoding.box(
                self[key]!, parent: encoder, key: AWSValueCodingKey(stringValue: key), userInfo: encoder.sendableUserInfo)
        }
        return .object(box)
    }
}
