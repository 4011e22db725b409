import OrderedCollections
import Foundation

/// A value shaped by an AWS service model, independent of any wire protocol.
///
/// Codecs in `StratusWire` turn wire messages into `AWSValue`s (and back) by following a ``ShapeSchema``;
/// handlers turn them into generated Swift shapes through the shapes' generated ``AWSValueConvertible``
/// conversions (``AWSValueDecoder`` and ``AWSValueEncoder`` give the same results through `Codable`).
/// The codec has already applied every protocol rule (timestamp formats, base64 blobs, XML names), so an
/// `AWSValue` holds plain model values:
/// - structures and maps are both ``object(_:)`` keyed by *member names* (structures) or map keys (maps),
///   in insertion order;
/// - `integer`, `long`, `byte` and `short` shapes are ``integer(_:)``; `float` and `double` are ``double(_:)``;
/// - `string` (including enums) is ``string(_:)``, `blob` is ``blob(_:)``, `timestamp` is ``timestamp(_:)``;
/// - document members hold the generic cases (`null`, `boolean`, `integer`, `double`, `string`, `list`, `object`).
/// ``null`` appears only inside sparse lists and maps and documents; an unset structure member is absent.
package enum AWSValue: Sendable, Equatable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case blob(Data)
    case timestamp(Date)
    case list([AWSValue])
    case object(OrderedDictionary<String, AWSValue>)

    /// An empty structure: what an operation with no input or output members carries.
    package static let emptyObject = AWSValue.object([:])

    /// The members of an ``object(_:)``, or `nil` for any other case.
    package var objectValue: OrderedDictionary<String, AWSValue>? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of a ``list(_:)``, or `nil` for any other case.
    package var listValue: [AWSValue]? {
        if case .list(let elements) = self { return elements }
        return nil
    }

    /// The text of a ``string(_:)``, or `nil` for any other case.
    package var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The member `name` of an ``object(_:)``; `nil` when absent or when `self` is not an object.
    package subscript(member name: String) -> AWSValue? {
        objectValue?[name]
    }
}

extension AWSValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int64) { self = .integer(value) }
    package init(booleanLiteral value: Bool) { self = .boolean(value) }
    package init(floatLiteral value: Double) { self = .double(value) }
    package init(arrayLiteral elements: AWSValue...) { self = .list(elements) }
    package init(dictionaryLiteral elements: (String, AWSValue)...) {
        self = .object(OrderedDictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
