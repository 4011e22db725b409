import Foundation

/// Turns an ``AWSValue`` into a `Decodable` Swift value (generated shapes, enums, collections).
///
/// Guarantees:
/// - structures decode from ``AWSValue/object(_:)`` keyed by `CodingKey.stringValue` (the model member names);
///   `[String: X]` maps decode from objects too; arrays from ``AWSValue/list(_:)``;
/// - `String` (and `RawRepresentable` string enums) from `.string`; `Bool` from `.boolean`; every integer type
///   from `.integer` (range-checked; an integral `.double` is accepted as well); `Double`/`Float` from `.double`
///   or `.integer`; `Date` from `.timestamp`; `Data` from `.blob`;
/// - lenient where generic JSON conversion (``AWSValue/init(_:)``) cannot know the model type: `Date` also
///   decodes from a number of epoch seconds and `Data` from a base64 `.string`;
/// - an absent member or `.null` decodes as `nil` for optionals; a missing non-optional member throws
///   `DecodingError.keyNotFound` and a `.null` one `DecodingError.valueNotFound`, both with the coding path;
/// - an ``AWSValue`` member (documents) receives the node unchanged.
///
/// It never goes through JSON or any other text form.
package struct AWSValueDecoder: Sendable {
    /// Values made available to `init(from:)` implementations through `Decoder.userInfo`.
    package var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// A decoder with no user info.
    package init() {}

    /// Decodes `type` from `value`.
    /// - Throws: `DecodingError` naming the coding path of the offending member.
    package func decode<T: Decodable>(_ type: T.Type, from value: AWSValue) throws -> T {
        try AWSValueDecoding.unbox(value, as: type, parent: nil, key: nil, userInfo: userInfo)
    }
}
