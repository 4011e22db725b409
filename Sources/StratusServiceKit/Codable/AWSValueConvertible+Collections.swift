import Foundation
import OrderedCollections

// Lists, maps and sparse elements, with the rules of `AWSValueDecoder`/`AWSValueEncoder` for `Array`,
// `[String: Value]` and `Optional`.

extension Array: AWSValueConvertible where Element: AWSValueConvertible {
    /// From a `.list`, element by element.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) { self = try AWSValueObjectReader.list(awsValue) }

    /// A `.list` of the elements in order.
    package var awsValue: AWSValue { AWSValueObjectWriter.list(self) }
}

extension Dictionary: AWSValueConvertible where Key == String, Value: AWSValueConvertible {
    /// From an `.object`, one entry per member.
    package init(awsValue: AWSValue) throws(AWSValueConversionError) { self = try AWSValueObjectReader.map(awsValue) }

    /// An `.object` with the keys in ascending order, so equal maps always give equal values.
    package var awsValue: AWSValue { AWSValueObjectWriter.object(self) }
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
