import Foundation

/// Turns an `Encodable` Swift value (generated shapes, enums, collections) into an ``AWSValue``.
///
/// Guarantees (the mirror of ``AWSValueDecoder``):
/// - structures and `[String: X]` maps become ``AWSValue/object(_:)`` keyed by `CodingKey.stringValue`, members in
///   the order the value encodes them (map keys in ascending order, for deterministic output); arrays become ``AWSValue/list(_:)``;
/// - `String` (and `RawRepresentable` string enums) → `.string`, `Bool` → `.boolean`, every integer type →
///   `.integer` (a `UInt`/`UInt64` above `Int64.max` throws `EncodingError.invalidValue`), `Float`/`Double` →
///   `.double`, `Date` → `.timestamp`, `Data` → `.blob`, ``AWSValue`` members are inserted unchanged;
/// - optional members that are `nil` are omitted (synthesized `encodeIfPresent`), never written as `.null`;
///   `.null` appears only where a `nil` is encoded as a value (sparse lists and maps) or by an explicit `encodeNil`;
/// - a value that encodes nothing at all becomes an empty object.
///
/// It never goes through JSON or any other text form.
package struct AWSValueEncoder: Sendable {
    /// Values made available to `encode(to:)` implementations through `Encoder.userInfo`.
    package var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// An encoder with no user info.
    package init() {}

    /// Encodes `value`.
    /// - Throws: `EncodingError` naming the coding path of the offending member.
    package func encode<T: Encodable>(_ value: T) throws -> AWSValue {
        try AWSValueEncoding.box(value, parent: nil, key: nil, userInfo: userInfo).resolved()
    }
}
