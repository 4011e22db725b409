import Foundation
import StratusAPIS3

/// The standard HTTP metadata members of the requests that create an object (`PutObject`, `CopyObject` with
/// `REPLACE`, `CreateMultipartUpload`).
protocol S3ObjectHeaderFields {
    var contentType: String? { get }
    var contentEncoding: String? { get }
    var contentDisposition: String? { get }
    var contentLanguage: String? { get }
    var cacheControl: String? { get }
    var expires: String? { get }
    var websiteRedirectLocation: String? { get }
}

extension S3.PutObjectRequest: S3ObjectHeaderFields {}
extension S3.CopyObjectRequest: S3ObjectHeaderFields {}
extension S3.CreateMultipartUploadRequest: S3ObjectHeaderFields {}

/// The members `GetObject` and `HeadObject` answer an object's description with.
protocol S3ObjectDescriptionFields: S3ChecksumFields {
    var contentLength: Int? { get set }
    var contentRange: String? { get set }
    var acceptRanges: String? { get set }
    var eTag: String? { get set }
    var lastModified: Date? { get set }
    var contentType: String? { get set }
    var contentEncoding: String? { get set }
    var contentDisposition: String? { get set }
    var contentLanguage: String? { get set }
    var cacheControl: String? { get set }
    var expires: String? { get set }
    var websiteRedirectLocation: String? { get set }
    var metadata: [String: String]? { get set }
    var serverSideEncryption: S3.ServerSideEncryption? { get set }
    var storageClass: S3.StorageClass? { get set }
    var partsCount: Int? { get set }
    var checksumType: S3.ChecksumType? { get set }
    var tagCount: Int? { get set }
    var versionId: String? { get set }
    var objectLockMode: S3.ObjectLockMode? { get set }
    var objectLockRetainUntilDate: Date? { get set }
    var objectLockLegalHoldStatus: S3.ObjectLockLegalHoldStatus? { get set }
    var restore: String? { get set }
    var replicationStatus: S3.ReplicationStatus? { get set }
}

extension S3.GetObjectOutput: S3ObjectDescriptionFields {}
extension S3.HeadObjectOutput: S3ObjectDescriptionFields {}

extension S3ObjectHeaders {
    /// The headers a create request sets (`Content-Type` defaults to `binary/octet-stream`, as S3's does).
    init(request: some S3ObjectHeaderFields) {
        self.init(contentType: request.contentType ?? "binary/octet-stream", contentEncoding: request.contentEncoding,
                  contentDisposition: request.contentDisposition, contentLanguage: request.contentLanguage,
                  cacheControl: request.cacheControl, expires: request.expires,
                  websiteRedirectLocation: request.websiteRedirectLocation)
    }
}

extension S3Service {
    /// Fills a `GetObject`/`HeadObject` answer from what was read: length and range, the stored headers and
    /// metadata, the number of tags (`x-amz-tagging-count`, when there are any), the Object Lock retention and legal hold, the restore state of an archived object, the version id (when the bucket has
    /// versioning or the read named a version), the storage class (only when not `STANDARD`, as S3 sends it), `PartsCount` when a part was asked
    /// for, and the checksum of a whole-object read with `ChecksumMode=ENABLED`.
    static func describe<Output: S3ObjectDescriptionFields>(_ read: S3ObjectRead, partNumber: Int?, checksumMode: String?,
                                                            into output: inout Output) {
        let object = read.object
        output.contentLength = read.length
        output.contentRange = read.contentRange
        output.acceptRanges = "bytes"
        output.eTag = object.eTag
        output.lastModified = date(object.lastModified)
        output.contentType = object.headers.contentType
        output.contentEncoding = object.headers.contentEncoding
        output.contentDisposition = object.headers.contentDisposition
        output.contentLanguage = object.headers.contentLanguage
        output.cacheControl = object.headers.cacheControl
        output.expires = object.headers.expires
        output.websiteRedirectLocation = object.headers.websiteRedirectLocation
        output.metadata = object.metadata.isEmpty ? nil : object.metadata
        output.serverSideEncryption = "AES256"
        if object.storageClass != "STANDARD" { output.storageClass = S3.StorageClass(rawValue: object.storageClass) }
        if partNumber != nil { output.partsCount = object.partSizes?.count ?? 1 }
        if let tags = object.tags, !tags.isEmpty { output.tagCount = tags.count }
        describeLock(object.lock, into: &output)
        output.restore = restoreHeader(object)
        output.replicationStatus = object.replicationStatus.map { S3.ReplicationStatus(rawValue: $0) }
        if read.namesVersion { output.versionId = object.versionText }
        if checksumMode == "ENABLED", read.contentRange == nil, let checksum = object.checksum {
            setChecksum(checksum, on: &output)
            output.checksumType = S3.ChecksumType(rawValue: checksum.type)
        }
    }
}
