import Foundation

/// A Swift value that converts directly to and from an ``AWSValue``, without `Codable`.
///
/// Generated shapes (structures, unions, open string enumerations) and the library types they use conform.
/// The conversions accept and produce exactly what ``AWSValueDecoder`` and ``AWSValueEncoder`` accept and produce
/// for the same type (see ``AWSValueConvertible/init(awsValue:)`` and ``AWSValueConvertible/awsValue``); they are
/// the handlers' and typed clients' hot path, while the `Codable` conformances stay for other uses.
package protocol AWSValueConvertible {
    /// Reads the value from `awsValue`.
    ///
    /// Lenient exactly where ``AWSValueDecoder`` is: an integral `.double` for `Int`, an `.integer` for `Double`,
    /// epoch seconds for `Date`, a base64 `.string` for `Data`; `.null` is `nil` for `Optional` (sparse lists and
    /// maps). Structures ignore members they do not know, read an absent or `.null` optional member as `nil` and
    /// reject an absent required member.
    /// - Throws: ``AWSValueConversionError`` naming the path of the offending member.
    init(awsValue: AWSValue) throws(AWSValueConversionError)

    /// The value as ``AWSValueEncoder`` would encode it: structures as objects with their members in declaration
    /// order (`nil` optional members absent), maps as objects with keys in ascending order, `nil` elements of
    /// sparse lists and maps as `.null`, `Date` as `.timestamp`, `Data` as `.blob`.
    var awsValue: AWSValue { get }
}
