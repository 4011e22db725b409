import Foundation
import OrderedCollections

/// Reads the members of a structure from an ``AWSValue/object(_:)`` by their model names, for generated
/// ``AWSValueConvertible/init(awsValue:)`` implementations.
///
/// Members it is not asked for are ignored, like ``AWSValueDecoder`` ignores unknown keys.
package struct AWSValueObjectReader {
    /// The members of the object.
    @usableFromInline
    let members: OrderedDictionary<String, AWSValue>

    /// A reader of `value`.
    /// - Throws: ``AWSValueConversionError`` (`typeMismatch`) when `value` is not an object.
    @inlinable
    package init(_ value: AWSValue) throws(AWSValueConversionError) {
        guard case .object(let members) = value else { throw .typeMismatch(expected: "an object", found: value) }
        self.members = members
    }

    /// The required member `name`.
    /// - Throws: ``AWSValueConversionError`` `missingMember` when absent; the member's own error (a `.null`
    ///   included, unless `T` accepts it) with `name` prepended to its path.
    @inlinable
    package func required<T: AWSValueConvertible>(_ name: String) throws(AWSValueConversionError) -> T {
        guard let value = members[name] else { throw .missingMember(name) }
        do throws(AWSValueConversionError) {
            return try T(awsValue: value)
        } catch {
            throw error.within(name)
        }
    }

    /// The optional member `name`: `nil` when absent or `.null`.
    /// - Throws: the member's own error with `name` prepended to its path.
    @inlinable
    package func optional<T: AWSValueConvertible>(_ name: String) throws(AWSValueConversionError) -> T? {
        guard let value = members[name] else { return nil }
        if case .null = value { return nil }
        do throws(AWSValueConversionError) {
            return try T(awsValue: value)
        } catch {
            throw error.within(name)
        }
    }
}
