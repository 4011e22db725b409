import Foundation
import OrderedCollections

/// A value being encoded: finished, or a container that nested encoders are still filling.
enum AWSValueEncodingNode {
    case value(AWSValue)
    case list(ListBox)
    case object(ObjectBox)
    /// A `superEncoder` whose content is known only when encoding ends.
    case deferred(AWSValueEncoding)

    /// Elements of a list still being encoded.
    final class ListBox {
        var elements: [AWSValueEncodingNode] = []
    }

    /// Members of an object still being encoded.
    final class ObjectBox {
        var members: OrderedDictionary<String, AWSValueEncodingNode> = [:]
    }

    /// The finished value.
    func resolved() -> AWSValue {
        switch self {
        case .value(let value):
            return value
        case .list(let box):
            return .list(box.elements.map { $0.resolved() })
        case .object(let box):
            var members = OrderedDictionary<String, AWSValue>(minimumCapacity: box.members.count)
            for (key, node) in box.members { members[key] = node.resolved() }
            return .object(members)
        case .deferred(let encoder):
            return encoder.node?.resolved() ?? .emptyObject
        }
    }
}
