import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// What a read of an object found: the record, the bytes read (nil for `HEAD`), the `Content-Range` of a
/// partial read, and whether the answer names the version (its bucket has versioning, or the read named one).
struct S3ObjectRead: Sendable {
    var object: S3ObjectRecord
    var namesVersion = false
    var body: Data?
    var length: Int
    var contentRange: String?
}

extension S3Service {
    /// Reads `key` of `bucket` (version `versionID`, the current object when nil) for `GetObject`/`HeadObject`:
    /// `NoSuchBucket`/`NoSuchKey`/`NoSuchVersion`, the conditions, then the part (`partNumber`) or range. An
    /// object replaced between reading its record and its bytes is read again.
    func readObject(bucket name: String, key: String, versionID: String?, range: String?, partNumber: Int?,
                    conditions: ReadConditions, readsBody: Bool) async throws -> S3ObjectRead {
        let bucket = try await existingBucket(name)
        let namesVersion = bucket.isVersioned || versionID != nil
        for _ in 0..<3 {
            let object = try await readableVersion(bucket: bucket, key: key, versionID: versionID,
                                                   method: readsBody ? "GET" : "HEAD")
            try conditions.check(object)
            var positions: Range<Int>?
            var contentRange: String?
            if let partNumber {
                let sizes = object.partSizes ?? [object.size]
                guard (1...10_000).contains(partNumber) else {
                    throw S3Failure.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                                                    name: "partNumber", value: String(partNumber))
                }
                guard partNumber <= sizes.count else {
                    throw S3Failure.invalidPartNumber(partNumber, partsCount: sizes.count)
                }
                let start = sizes.prefix(partNumber - 1).reduce(0, +)
                positions = start..<(start + sizes[partNumber - 1])
                if object.partSizes != nil, let selected = positions {
                    contentRange = "bytes \(selected.lowerBound)-\(selected.upperBound - 1)/\(object.size)"
                } else {
                    positions = nil
                }
            } else if let range, let requested = S3ByteRange(header: range) {
                guard let selected = requested.positions(size: object.size) else {
                    throw S3Failure.invalidRange(range, size: object.size)
                }
                positions = selected
                contentRange = "bytes \(selected.lowerBound)-\(selected.upperBound - 1)/\(object.size)"
            }
            let length = positions?.count ?? object.size
            if readsBody, !isReadable(object) { throw Self.archived(object, "The operation is not valid for the object's storage class") }
            guard readsBody else {
                return S3ObjectRead(object: object, namesVersion: namesVersion, body: nil, length: length,
                                    contentRange: contentRange)
            }
            do {
                let body = try await store.body(of: object, range: positions)
                return S3ObjectRead(object: object, namesVersion: namesVersion, body: body, length: body.count,
                                    contentRange: contentRange)
            } catch is S3StoreMissing {
                continue
            }
        }
        throw AWSServiceError(AWSErrorCode("InternalError", httpStatus: 500),
                              "We encountered an internal error. Please try again.")
    }

    /// Whether an `If-Match`/`If-None-Match` value (`*`, or a comma-separated list of ETags with or without quotes)
    /// names `eTag`.
    static func eTag(_ eTag: String, matches header: String) -> Bool {
        let bare = eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        for candidate in header.split(separator: ",") {
            let value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == bare { return true }
        }
        return false
    }
}
