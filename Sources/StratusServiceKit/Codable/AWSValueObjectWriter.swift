import Foundation
import OrderedCollections

/// Builds the ``AWSValue/object(_:)`` of a structure member by member, for generated
/// ``AWSValueConvertible/awsValue`` implementations.
///
/// Members keep the order they are set in; setting a name again replaces its value in place.
package struct AWSValueObjectWriter {
    /// The members set so far.
    @usableFromInline
    var members: OrderedDictionary<String, AWSValue>

    /// An empty object.
    @inlinable
    package init() { members = [:] }

    /// Sets the member `name` to `value`'s ``AWSValueConvertible/awsValue``.
    @inlinable
    package mutating func set<T: AWSValueConvertible>(_ name: String, _ value: T) {
        members[name] = value.awsValue
    }

    /// Sets the member `name` when `value` is not `nil`; a `nil` optional member stays absent.
    @inlinable
    package mutating func setIfPresent<T: AWSValueConvertible>(_ name: String, _ value: T?) {
        if let value { members[name] = value.awsValue }
    }

    /// ``set(_:_:)`` for a list member, specialized where the generated shapes call it (see ``list(_:)``).
    @inlinable
    package mutating func set<Element: AWSValueConvertible>(_ name: String, _ value: [Element]) {
        members[name] = Self.list(value)
    }

    /// ``set(_:_:)`` for a map member, specialized where the generated shapes call it (see ``object(_:)``).
    @inlinable
    package mutating func set<Value: AWSValueConvertible>(_ name: String, _ value: [String: Value]) {
        members[name] = Self.object(value)
    }

    /// ``setIfPresent(_:_:)`` for a list member, specialized where the generated shapes call it (the generic
    /// `Array` conformance, called through its protocol witness, looks up generic metadata on every call).
    @inlinable
    package mutating func setIfPresent<Element: AWSValueConvertible>(_ name: String, _ value: [Element]?) {
        if let value { members[name] = Self.list(value) }
    }

    /// ``setIfPresent(_:_:)`` for a map member, specialized where the generated shapes call it.
    @inlinable
    package mutating func setIfPresent<Value: AWSValueConvertible>(_ name: String, _ value: [String: Value]?) {
        if let value { members[name] = Self.object(value) }
    }

    /// A `.list` of the elements in order (what `Array`'s ``AWSValueConvertible/awsValue`` gives).
    @inlinable
    package static func list<Element: AWSValueConvertible>(_ elements: [Element]) -> AWSValue {
        var values: [AWSValue] = []
        values.reserveCapacity(elements.count)
        for element in elements { values.append(element.awsValue) }
        return .list(values)
    }

    /// An `.object` with the keys in ascending order (what `Dictionary`'s ``AWSValueConvertible/awsValue`` gives).
    @inlinable
    package static func object<Value: AWSValueConvertible>(_ map: [String: Value]) -> AWSValue {
        let keys = map.keys.sorted()
        var values: [AWSValue] = []
        values.reserveCapacity(keys.count)
        for key in keys { values.append(map[key]!.awsValue) }
        return .object(OrderedDictionary(uncheckedUniqueKeys: keys, values: values))
    }

    /// The object built so far.
    @inlinable
    package var awsValue: AWSValue { .object(members) }
}
