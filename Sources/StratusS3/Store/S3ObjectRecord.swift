import StratusAPIS3

/// An object's metadata as stored (its bytes are kept by the store beside it).
package struct S3ObjectRecord: Sendable, Equatable, Codable {
    /// The bucket name.
    package var bucket: String
    /// The key.
    package var key: String
    /// Size in bytes.
    package var size: Int
    /// The entity tag with its quotes (`"<md5 hex>"`, or `"<md5 of part md5s>-<parts>"` after a multipart upload).
    package var eTag: String
    /// When it was written, in milliseconds since the epoch.
    package var lastModified: Int64
    /// The standard HTTP metadata given at upload (`Content-Type`, `Cache-Control`, …) by header name.
    package var headers: S3ObjectHeaders
    /// User metadata (`x-amz-meta-*`), lower-cased names without the prefix.
    package var metadata: [String: String]
    /// The additional checksum given at upload, if any.
    package var checksum: S3Checksum?
    /// The storage class (`STANDARD` unless given).
    package var storageClass: String
    /// The sizes of the parts of a multipart upload in order, nil for a single upload.
    package var partSizes: [Int]?
    /// Where the store keeps the bytes: set by the store, opaque to the service.
    package var blobID: String
    /// The object's tags in the order they were given (nil or empty: none).
    package var tags: [S3ObjectTag]?
    /// The version id; nil for the `null` version (every object of a bucket that never had versioning, and those
    /// written while it was suspended).
    package var versionID: String?
    /// Whether this version is a delete marker (no bytes, no headers: only key, version id and time count).
    package var isDeleteMarker: Bool?
    /// The object's ACL grants, nil for the owner's full control alone.
    package var acl: [S3.Grant]?
    /// The version's Object Lock retention and legal hold, nil when it has neither.
    package var lock: S3ObjectLock?
    /// The additional checksums of a multipart upload's parts in order, when its parts carried them.
    package var partChecksums: [S3Checksum]?
    /// Until when (milliseconds since the epoch) the restored copy of an archived object (`GLACIER`,
    /// `DEEP_ARCHIVE`) can be read (`RestoreObject`), nil when it was never restored.
    package var restoredUntil: Int64?
    /// Replication (`x-amz-replication-status`): `PENDING`, `COMPLETED` or `FAILED` on a source version a
    /// replication rule covers, `REPLICA` on a replica; nil otherwise.
    package var replicationStatus: String?

    /// The version id as S3 spells it (`null` for the null version).
    package var versionText: String { versionID ?? Self.nullVersionID }
    /// Whether this version is a delete marker.
    package var isMarker: Bool { isDeleteMarker == true }
    /// How S3 names the null version (`versionId=null`).
    package static let nullVersionID = "null"

    /// An object record; `blobID` is assigned by the store when it is written.
    package init(bucket: String, key: String, size: Int, eTag: String, lastModified: Int64,
                 headers: S3ObjectHeaders = S3ObjectHeaders(), metadata: [String: String] = [:],
                 checksum: S3Checksum? = nil, storageClass: String = "STANDARD", partSizes: [Int]? = nil,
                 blobID: String = "", tags: [S3ObjectTag]? = nil, versionID: String? = nil,
                 isDeleteMarker: Bool? = nil) {
        self.bucket = bucket
        self.key = key
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
        self.headers = headers
        self.metadata = metadata
        self.checksum = checksum
        self.storageClass = storageClass
        self.partSizes = partSizes
        self.blobID = blobID
        self.tags = tags
        self.versionID = versionID
        self.isDeleteMarker = isDeleteMarker
    }
}

/// One tag of an object (`PutObjectTagging`, `x-amz-tagging`).
package struct S3ObjectTag: Sendable, Equatable, Codable {
    /// The tag's key.
    package var key: String
    /// Its value (may be empty).
    package var value: String

    /// A tag.
    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// The standard HTTP headers S3 stores with an object and sends back on reads.
package struct S3ObjectHeaders: Sendable, Equatable, Codable {
    /// `Content-Type` (`binary/octet-stream` when the upload named none).
    package var contentType: String?
    /// `Content-Encoding`.
    package var contentEncoding: String?
    /// `Content-Disposition`.
    package var contentDisposition: String?
    /// `Content-Language`.
    package var contentLanguage: String?
    /// `Cache-Control`.
    package var cacheControl: String?
    /// `Expires`, as sent.
    package var expires: String?
    /// `x-amz-website-redirect-location`.
    package var websiteRedirectLocation: String?

    /// Headers; all absent by default.
    package init(contentType: String? = nil, contentEncoding: String? = nil, contentDisposition: String? = nil,
                 contentLanguage: String? = nil, cacheControl: String? = nil, expires: String? = nil,
                 websiteRedirectLocation: String? = nil) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.contentDisposition = contentDisposition
        self.contentLanguage = contentLanguage
        self.cacheControl = cacheControl
        self.expires = expires
        self.websiteRedirectLocation = websiteRedirectLocation
    }
}

/// An additional checksum of an object or part (`x-amz-checksum-<algorithm>`), as the client computed it.
package struct S3Checksum: Sendable, Equatable, Codable {
    /// `CRC32`, `CRC32C`, `CRC64NVME`, `SHA1` or `SHA256`.
    package var algorithm: String
    /// The base64 value.
    package var value: String
    /// `FULL_OBJECT` or `COMPOSITE`.
    package var type: String

    /// A checksum.
    package init(algorithm: String, value: String, type: String = "FULL_OBJECT") {
        self.algorithm = algorithm
        self.value = value
        self.type = type
    }
}
