import Foundation

/// The conditional headers of a read (`If-Match`, `If-None-Match`, `If-Modified-Since`, `If-Unmodified-Since`),
/// evaluated as S3 does.
struct ReadConditions: Sendable {
    var ifMatch: String?
    var ifNoneMatch: String?
    var ifModifiedSince: Date?
    var ifUnmodifiedSince: Date?

    /// Throws `412 PreconditionFailed` when `If-Match` fails (or, without `If-Match`, `If-Unmodified-Since`), and
    /// `304 Not Modified` when `If-None-Match` matches (or, without `If-None-Match`, `If-Modified-Since` finds the
    /// object unchanged). Times are compared to the second.
    func check(_ object: S3ObjectRecord) throws {
        let modified = object.lastModified / 1000
        if let ifMatch {
            guard S3Service.eTag(object.eTag, matches: ifMatch) else { throw S3Failure.preconditionFailed("If-Match") }
        } else if let ifUnmodifiedSince, modified > Int64(ifUnmodifiedSince.timeIntervalSince1970.rounded(.down)) {
            throw S3Failure.preconditionFailed("If-Unmodified-Since")
        }
        if let ifNoneMatch {
            if S3Service.eTag(object.eTag, matches: ifNoneMatch) { throw S3Failure.notModified() }
        } else if let ifModifiedSince, modified <= Int64(ifModifiedSince.timeIntervalSince1970.rounded(.down)) {
            throw S3Failure.notModified()
        }
    }
}
