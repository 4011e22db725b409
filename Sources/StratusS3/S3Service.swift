import Crypto
import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// The S3 service: buckets, objects (bytes kept by the store, on disk), listings and multipart uploads over an
/// ``S3Store``.
///
/// Guarantees: AWS's validation rules, error codes, messages and fields for what it implements; each operation
/// makes at most one write to the store (so a failed request changes nothing and an acknowledged upload is
/// durable, with its event notifications: they are stored in the same write and sent after it, so none is lost
/// to a crash in between); time comes from `clock`, upload and event ids from `ids`. Bucket names are global across accounts as on AWS;
/// any account may read and write any bucket (policies and ACLs are not enforced). Operations it does not
/// implement answer `NotImplemented` (501) through the generated defaults.
package struct S3Service: S3Handler {
    /// Where buckets, objects and uploads live.
    package let store: any S3Store
    /// The source of "now".
    package let clock: any WallClock
    /// The source of upload ids.
    package let ids: any RequestIDGenerator
    /// Where event notifications go (nil: no destination can be configured).
    package let destinations: (any S3EventDestinations)?

    /// A service over `store`, sending event notifications through `events`.
    package init(store: any S3Store, clock: any WallClock = SystemWallClock(),
                 ids: any RequestIDGenerator = RandomRequestIDGenerator(), events: (any S3EventDestinations)? = nil) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.destinations = events
    }

    /// Now in milliseconds since the epoch.
    func nowMilliseconds() -> Int64 {
        Self.milliseconds(clock.now())
    }

    /// Now in milliseconds since the epoch, truncated to whole seconds (S3 keeps object times to the second).
    func nowSeconds() -> Int64 {
        Int64(clock.now().timeIntervalSince1970.rounded(.down)) * 1000
    }

    /// A time in milliseconds since the epoch as a date.
    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// A date in whole milliseconds since the epoch (rounded down).
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The bucket `name`, or `NoSuchBucket`.
    func existingBucket(_ name: String) async throws -> S3BucketRecord {
        guard let bucket = try await store.bucket(named: name) else { throw S3Failure.noSuchBucket(name) }
        return bucket
    }

    /// The canonical user id S3 shows as the owner of an account's buckets and objects (64 hex digits, derived
    /// from the account id so it is stable).
    package static func canonicalUserID(accountID: String) -> String {
        SHA256.hash(data: Data("stratus-s3-owner:\(accountID)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The owner element of an account.
    static func owner(accountID: String) -> S3.Owner {
        S3.Owner(id: canonicalUserID(accountID: accountID))
    }

    /// `text` as XML or HTML character data or attribute value: `&`, `<`, `>` and `"` escaped.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// XML character data as text: the five predefined entities replaced (`&amp;` last).
    package static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// An object key as S3's access logs and inventory reports write it: URL-encoded, `/` kept.
    package static func urlEncodedKey(_ key: String) -> String {
        key.addingPercentEncoding(withAllowedCharacters: keyCharacters) ?? key
    }

    private static let keyCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~/")

    /// The lowercase hex MD5 of `data`.
    static func md5Hex(_ data: Data) -> String {
        Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Checks a `Content-MD5` header against the body: `InvalidDigest` when it is not the base64 of 16 bytes,
    /// `BadDigest` when it differs.
    static func checkContentMD5(_ header: String?, body: Data) throws {
        guard let header else { return }
        guard let expected = Data(base64Encoded: header), expected.count == 16 else {
            throw S3Failure.invalidDigest(header)
        }
        let calculated = Data(Insecure.MD5.hash(data: body))
        guard calculated == expected else {
            throw S3Failure.badDigest(expected: header, calculated: calculated.base64EncodedString())
        }
    }

    /// `KeyTooLongError` for keys over 1,024 bytes.
    static func checkKey(_ key: String) throws {
        if key.utf8.count > S3Limits.maximumKeyBytes { throw S3Failure.keyTooLong(key) }
    }
}
