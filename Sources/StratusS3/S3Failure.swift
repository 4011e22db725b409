import Foundation
import OrderedCollections
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// The errors S3 answers with, with AWS's codes, HTTP statuses, wording and fields.
///
/// Codes outside the model's fourteen exception shapes (`BucketNotEmpty`, `InvalidBucketName`, …) are the ones
/// S3 documents in its error-code list; the fields are the extra elements S3 writes into its `<Error>` document.
package enum S3Failure {
    /// `NoSuchBucket` (404).
    package static func noSuchBucket(_ bucket: String) -> AWSServiceError {
        AWSServiceError(S3Errors.noSuchBucket, "The specified bucket does not exist", fields: ["BucketName": .string(bucket)])
    }

    /// `NoSuchKey` (404).
    package static func noSuchKey(_ key: String) -> AWSServiceError {
        AWSServiceError(S3Errors.noSuchKey, "The specified key does not exist.", fields: ["Key": .string(key)])
    }

    /// `NoSuchVersion` (404): a well-formed version id no version of the key has.
    package static func noSuchVersion(key: String, versionID: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("NoSuchVersion", httpStatus: 404), "The specified version does not exist.",
                        fields: ["Key": .string(key), "VersionId": .string(versionID)])
    }

    /// `MethodNotAllowed` (405): a read of a delete marker by its version id, with S3's delete-marker headers.
    package static func methodNotAllowed(_ method: String, marker versionID: String, lastModified: Date)
        -> AWSServiceError
    {
        var error = AWSServiceError(AWSErrorCode("MethodNotAllowed", httpStatus: 405),
                                    "The specified method is not allowed against this resource.",
                                    fields: ["Method": .string(method), "ResourceType": .string("DeleteMarker")])
        error.headers = [("x-amz-delete-marker", "true"), ("x-amz-version-id", versionID),
                         ("Last-Modified", HTTPDate.text(lastModified)), ("Allow", "DELETE")]
        return error
    }

    /// `NoSuchCORSConfiguration` (404).
    package static func noSuchCORSConfiguration(_ bucket: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("NoSuchCORSConfiguration", httpStatus: 404), "The CORS configuration does not exist",
                        fields: ["BucketName": .string(bucket)])
    }

    /// `AccessForbidden` (403): a CORS preflight S3 turns down, with the method asked for and the resource type
    /// (`BUCKET` or `OBJECT`).
    package static func corsForbidden(_ reason: String, method: String, resourceType: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("AccessForbidden", httpStatus: 403), "CORSResponse: \(reason)",
                        fields: ["Method": .string(method), "ResourceType": .string(resourceType)])
    }

    /// `BadRequest` (400) with S3's message.
    package static func badRequest(_ message: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("BadRequest", httpStatus: 400), message)
    }

    /// `MalformedPolicy` (400).
    package static func malformedPolicy(_ message: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("MalformedPolicy", httpStatus: 400), message)
    }

    /// `AccessDenied` (403), as S3 refuses what Block Public Access blocks.
    package static func accessDenied() -> AWSServiceError {
        AWSServiceError(AWSErrorCode("AccessDenied", httpStatus: 403), "Access Denied")
    }

    /// `AccessControlListNotSupported` (400): ACLs on a bucket whose object ownership is `BucketOwnerEnforced`.
    package static func aclNotSupported() -> AWSServiceError {
        AWSServiceError(AWSErrorCode("AccessControlListNotSupported", httpStatus: 400), "The bucket does not allow ACLs")
    }

    /// `InvalidTargetBucketForLogging` (400): a logging target that does not exist or belongs to another owner.
    package static func invalidLoggingTarget(_ message: String, bucket: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidTargetBucketForLogging", httpStatus: 400), message,
                        fields: ["TargetBucket": .string(bucket)])
    }

    /// `CrossLocationLoggingProhibitted` (403, S3's spelling): a logging target in another region than its source.
    package static func crossLocationLogging(target: String, source: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("CrossLocationLoggingProhibitted", httpStatus: 403), "Cross S3 location logging not allowed. ",
                        fields: ["TargetBucketLocation": .string(target), "SourceBucketLocation": .string(source)])
    }

    /// A 404 for a bucket setting that is not configured (`NoSuchBucketPolicy`, …), naming the bucket.
    package static func settingNotFound(_ code: String, _ message: String, bucket: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode(code, httpStatus: 404), message, fields: ["BucketName": .string(bucket)])
    }

    /// `NoSuchUpload` (404).
    package static func noSuchUpload(_ uploadID: String) -> AWSServiceError {
        AWSServiceError(
            S3Errors.noSuchUpload,
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
            fields: ["UploadId": .string(uploadID)])
    }

    /// `BucketNotEmpty` (409).
    package static func bucketNotEmpty(_ bucket: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("BucketNotEmpty", httpStatus: 409), "The bucket you tried to delete is not empty",
                        fields: ["BucketName": .string(bucket)])
    }

    /// `BucketAlreadyOwnedByYou` (409).
    package static func bucketAlreadyOwnedByYou(_ bucket: String) -> AWSServiceError {
        AWSServiceError(
            S3Errors.bucketAlreadyOwnedByYou,
            "Your previous request to create the named bucket succeeded and you already own it.",
            fields: ["BucketName": .string(bucket)])
    }

    /// `BucketAlreadyExists` (409).
    package static func bucketAlreadyExists(_ bucket: String) -> AWSServiceError {
        AWSServiceError(
            S3Errors.bucketAlreadyExists,
            "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
            fields: ["BucketName": .string(bucket)])
    }

    /// `InvalidBucketName` (400).
    package static func invalidBucketName(_ bucket: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidBucketName", httpStatus: 400), "The specified bucket is not valid.",
                        fields: ["BucketName": .string(bucket)])
    }

    /// `InvalidLocationConstraint` (400).
    package static func invalidLocationConstraint(_ constraint: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidLocationConstraint", httpStatus: 400),
                        "The specified location-constraint is not valid",
                        fields: ["LocationConstraint": .string(constraint)])
    }

    /// `IllegalLocationConstraintException` (400): the constraint does not match the regional endpoint.
    package static func illegalLocationConstraint(_ constraint: String?) -> AWSServiceError {
        let what = constraint.map { "The \($0) location constraint" } ?? "The unspecified location constraint"
        return AWSServiceError(AWSErrorCode("IllegalLocationConstraintException", httpStatus: 400),
                               "\(what) is incompatible for the region specific endpoint this request was sent to.")
    }

    /// `KeyTooLongError` (400): keys are at most 1,024 bytes of UTF-8.
    package static func keyTooLong(_ key: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("KeyTooLongError", httpStatus: 400), "Your key is too long",
                        fields: ["MaxSizeAllowed": .string("1024"), "Size": .string(String(key.utf8.count))])
    }

    /// `InvalidDigest` (400): a `Content-MD5` that is not the base64 of 16 bytes.
    package static func invalidDigest(_ digest: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidDigest", httpStatus: 400), "The Content-MD5 you specified was invalid.",
                        fields: ["Content-MD5": .string(digest)])
    }

    /// `BadDigest` (400): the body's MD5 differs from `Content-MD5`.
    package static func badDigest(expected: String, calculated: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("BadDigest", httpStatus: 400), "The Content-MD5 you specified did not match what we received.",
                        fields: ["ExpectedDigest": .string(expected), "CalculatedDigest": .string(calculated)])
    }

    /// `InvalidRange` (416).
    package static func invalidRange(_ range: String, size: Int) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidRange", httpStatus: 416), "The requested range is not satisfiable",
                        fields: ["RangeRequested": .string(range), "ActualObjectSize": .string(String(size))])
    }

    /// `PreconditionFailed` (412) for the named condition header.
    package static func preconditionFailed(_ condition: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("PreconditionFailed", httpStatus: 412),
                        "At least one of the pre-conditions you specified did not hold",
                        fields: ["Condition": .string(condition)])
    }

    /// `304 Not Modified` (no body on the wire).
    package static func notModified() -> AWSServiceError {
        AWSServiceError(AWSErrorCode("NotModified", httpStatus: 304), "Not Modified")
    }

    /// `InvalidRequest` (400) with S3's message.
    package static func invalidRequest(_ message: String) -> AWSServiceError {
        AWSServiceError(S3Errors.invalidRequest, message)
    }

    /// `InvalidArgument` (400) naming the argument and its value.
    package static func invalidArgument(_ message: String, name: String, value: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidArgument", httpStatus: 400), message,
                        fields: ["ArgumentName": .string(name), "ArgumentValue": .string(value)])
    }

    /// `InvalidArgument` (400) for a notification destination S3 could not validate (the queue or function does not
    /// exist), with S3's argument fields.
    package static func unvalidatedDestination(_ arn: String) -> AWSServiceError {
        let why = arn.contains(":lambda:") ? "Not authorized to invoke function [\(arn)]"
            : arn.contains(":sns:") ? "Permissions on the destination topic do not allow S3 to publish notifications from this bucket"
            : "Permissions on the destination queue do not allow S3 to publish notifications from this bucket"
        return AWSServiceError(AWSErrorCode("InvalidArgument", httpStatus: 400),
                               "Unable to validate the following destination configurations",
                               fields: ["ArgumentName1": .string(arn), "ArgumentValue1": .string(why)])
    }

    /// `InvalidArgument` (400) for a notification destination Stratus cannot deliver to yet.
    package static func unsupportedDestination(_ what: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidArgument", httpStatus: 400),
                        "Stratus does not deliver S3 event notifications to \(what) yet; use SQS queues or Lambda functions.")
    }

    /// `MalformedXML` (400).
    package static func malformedXML() -> AWSServiceError {
        AWSServiceError(AWSErrorCode("MalformedXML", httpStatus: 400),
                        "The XML you provided was not well-formed or did not validate against our published schema")
    }

    /// `InvalidPart` (400).
    package static func invalidPart(uploadID: String, partNumber: Int, eTag: String) -> AWSServiceError {
        AWSServiceError(
            AWSErrorCode("InvalidPart", httpStatus: 400),
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
            fields: ["UploadId": .string(uploadID), "PartNumber": .string(String(partNumber)), "ETag": .string(eTag)])
    }

    /// `InvalidPartOrder` (400).
    package static func invalidPartOrder(uploadID: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidPartOrder", httpStatus: 400),
                        "The list of parts was not in ascending order. Parts must be ordered by part number.",
                        fields: ["UploadId": .string(uploadID)])
    }

    /// `EntityTooSmall` (400): a part other than the last is under 5 MiB.
    package static func entityTooSmall(size: Int, partNumber: Int, eTag: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("EntityTooSmall", httpStatus: 400),
                        "Your proposed upload is smaller than the minimum allowed size",
                        fields: ["ProposedSize": .string(String(size)), "MinSizeAllowed": .string(String(S3Limits.minimumPartSize)),
                                 "PartNumber": .string(String(partNumber)), "ETag": .string(eTag)])
    }

    /// `InvalidPartNumber` (416): a `partNumber` read beyond the object's parts.
    package static func invalidPartNumber(_ number: Int, partsCount: Int) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidPartNumber", httpStatus: 416), "The requested partnumber is not satisfiable",
                        fields: ["PartNumberRequested": .string(String(number)), "ActualPartCount": .string(String(partsCount))])
    }
}
