import StratusAPIS3

/// An unfinished multipart upload as stored.
package struct S3UploadRecord: Sendable, Equatable, Codable {
    /// The upload id.
    package var id: String
    /// The bucket name.
    package var bucket: String
    /// The key the object will have.
    package var key: String
    /// When it was initiated, in milliseconds since the epoch.
    package var initiatedAt: Int64
    /// The HTTP metadata the object will have.
    package var headers: S3ObjectHeaders
    /// The user metadata the object will have.
    package var metadata: [String: String]
    /// The storage class the object will have.
    package var storageClass: String
    /// The checksum algorithm the parts carry, if one was chosen.
    package var checksumAlgorithm: String?
    /// The account that initiated it.
    package var accountID: String
    /// The tags the object will have (`x-amz-tagging` of `CreateMultipartUpload`).
    package var tags: [S3ObjectTag]?
    /// The ACL grants the object gets, nil for the owner's full control alone.
    package var acl: [S3.Grant]?
    /// The Object Lock retention and legal hold the object gets, nil for none.
    package var lock: S3ObjectLock?

    /// An upload record.
    package init(id: String, bucket: String, key: String, initiatedAt: Int64, headers: S3ObjectHeaders,
                 metadata: [String: String], storageClass: String, checksumAlgorithm: String?, accountID: String,
                 tags: [S3ObjectTag]? = nil) {
        self.id = id
        self.bucket = bucket
        self.key = key
        self.initiatedAt = initiatedAt
        self.headers = headers
        self.metadata = metadata
        self.storageClass = storageClass
        self.checksumAlgorithm = checksumAlgorithm
        self.accountID = accountID
        self.tags = tags
    }
}

/// One uploaded part of a multipart upload, as stored (its bytes are kept by the store beside it).
package struct S3PartRecord: Sendable, Equatable, Codable {
    /// The upload it belongs to.
    package var uploadID: String
    /// 1 to 10,000.
    package var partNumber: Int
    /// Size in bytes.
    package var size: Int
    /// The part's entity tag with quotes (`"<md5 hex>"`).
    package var eTag: String
    /// When it was uploaded, in milliseconds since the epoch.
    package var lastModified: Int64
    /// The part's additional checksum, if given.
    package var checksum: S3Checksum?
    /// Where the store keeps the bytes: set by the store.
    package var blobID: String

    /// A part record; `blobID` is assigned by the store.
    package init(uploadID: String, partNumber: Int, size: Int, eTag: String, lastModified: Int64,
                 checksum: S3Checksum? = nil, blobID: String = "") {
        self.uploadID = uploadID
        self.partNumber = partNumber
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
        self.checksum = checksum
        self.blobID = blobID
    }
}
