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

    /// The elements of a `.list`, element by element (what `Array`'s ``AWSValueConvertible/init(awsValue:)`` reads).
    @inlinable
    package static func list<Element: AWSValueConvertible>(_ value: AWSValue) throws(AWSValueConversionError)
        -> [Element]
    {
        guard case .list(let elements) = value else { throw .typeMismatch(expected: "a list", found: value) }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for index in elements.indices {
            do throws(AWSValueConversionError) {
                result.append(try Element(awsValue: elements[index]))
            } catch {
                throw error.within(index: index)
            }
        }
        return result
    }

    /// The entries of an `.object`, one per member (what `Dictionary`'s ``AWSValueConvertible/init(awsValue:)``
    /// reads).
    @inlinable
    package static func map<Value: AWSValueConvertible>(_ value: AWSValue) throws(AWSValueConversionError)
        -> [String: Value]
    {
        guard case .object(let members) = value else { throw .typeMismatch(expected: "an object", found: value) }
        var result: [String: Value] = Dictionary(minimumCapacity: members.count)
        for (key, member) in members {
            do throws(AWSValueConversionError) {
                result[key] = try Value(awsValue: member)
            } catch {
                throw error.within(key)
            }
        }
        return result
    }
}
