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

    /// The object built so far.
    @inlinable
    package var awsValue: AWSValue { .object(members) }
}
