import Foundation
import OrderedCollections

// Lists, maps and sparse elements, with the rules of `AWSValueDecoder`/`AWSValueEncoder` for `Array`,
// `[String: Value]` and `Optional`.

extension Array: AWSValueConvertible where Element: AWSValueConvertible {
    /// From a `.list`, element by element.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        guard case .list(let elements) = awsValue else { throw .typeMismatch(expected: "a list", found: awsValue) }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for index in elements.indices {
            do throws(AWSValueConversionError) {
                result.append(try Element(awsValue: elements[index]))
            } catch {
                throw error.within(index: index)
            }
        }
        self = result
    }

    /// A `.list` of the elements in order.
    /// (Closures, not key paths: a key path in this generic context is instantiated again on every call.)
    package var awsValue: AWSValue { .list(map { $0.awsValue }) }
}

extension Dictionary: AWSValueConvertible where Key == String, Value: AWSValueConvertible {
    /// From an `.object`, one entry per member.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        guard case .object(let members) = awsValue else {
            throw .typeMismatch(expected: "an object", found: awsValue)
        }
        var result: [String: Value] = Dictionary(minimumCapacity: members.count)
        for (key, member) in members {
            do throws(AWSValueConversionError) {
                result[key] = try Value(awsValue: member)
            } catch {
                throw error.within(key)
            }
        }
        self = result
    }

    /// An `.object` with the keys in ascending order, so equal maps always give equal values.
    package var awsValue: AWSValue {
        let entries = sorted { $0.key < $1.key }
        var keys: [String] = []
        var values: [AWSValue] = []
        keys.reserveCapacity(entries.count)
        values.reserveCapacity(entries.count)
        for entry in entries {
            keys.append(entry.key)
            values.append(entry.value.awsValue)
        }
        return .object(OrderedDictionary(uncheckedUniqueKeys: keys, values: values))
    }
}

extension Optional: AWSValueConvertible where Wrapped: AWSValueConvertible {
    /// `nil` from `.null`; otherwise the wrapped value.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) {
        if case .null = awsValue {
            self = nil
        } else {
            self = try Wrapped(awsValue: awsValue)
        }
    }

    /// `.null` for `nil` (elements of sparse lists and maps); otherwise the wrapped value's.
    package var awsValue: AWSValue {
        switch self {
        case .none: return .null
        case .some(let wrapped): return wrapped.awsValue
        }
    }
}
