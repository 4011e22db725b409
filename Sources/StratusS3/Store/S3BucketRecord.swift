import StratusAPIS3

/// A bucket as stored.
package struct S3BucketRecord: Sendable, Equatable, Codable {
    /// The bucket name, unique across accounts and regions.
    package var name: String
    /// The owning account.
    package var accountID: String
    /// The region the bucket lives in (its location constraint, `us-east-1` when none was given).
    package var region: String
    /// When it was created, in milliseconds since the epoch.
    package var createdAt: Int64
    /// Where S3 sends the bucket's event notifications (`PutBucketNotificationConfiguration`), if anywhere.
    package var notifications: S3.NotificationConfiguration?
    /// The bucket's tags (`PutBucketTagging`), nil when it has none.
    package var tags: [S3ObjectTag]?
    /// The bucket's CORS rules (`PutBucketCors`), nil when it has none.
    package var cors: S3.CORSConfiguration?
    /// The bucket policy document (`PutBucketPolicy`), nil when it has none. Kept, not enforced.
    package var policy: String?
    /// The default encryption (`PutBucketEncryption`), nil for S3's default (SSE-S3, `AES256`).
    package var encryption: S3.ServerSideEncryptionConfiguration?
    /// The Block Public Access settings (`PutPublicAccessBlock`), nil for S3's default for new buckets (all on).
    package var publicAccessBlock: S3.PublicAccessBlockConfiguration?
    /// Whether `DeletePublicAccessBlock` removed the settings (the bucket then has none).
    package var publicAccessBlockRemoved: Bool?
    /// The object ownership (`PutBucketOwnershipControls`, `x-amz-object-ownership` at creation), nil for S3's
    /// default, `BucketOwnerEnforced`.
    package var ownership: String?
    /// Whether `DeleteBucketOwnershipControls` removed the ownership controls (ACLs then work as `ObjectWriter`).
    package var ownershipControlsRemoved: Bool?
    /// The bucket's ACL grants (`PutBucketAcl`), nil for the owner's full control alone.
    package var acl: [S3.Grant]?

    /// The Block Public Access settings in force, nil when removed.
    package var effectivePublicAccessBlock: S3.PublicAccessBlockConfiguration? {
        if publicAccessBlockRemoved == true { return nil }
        return publicAccessBlock ?? S3.PublicAccessBlockConfiguration(
            blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true)
    }
    /// The object ownership in force (`ObjectWriter` once the controls were removed).
    package var effectiveOwnership: String {
        ownershipControlsRemoved == true ? "ObjectWriter" : ownership ?? S3AccessControl.defaultOwnership
    }
    /// The lifecycle rules (`PutBucketLifecycleConfiguration`), nil when it has none.
    package var lifecycle: S3.BucketLifecycleConfiguration?
    /// The versioning state (`Enabled` or `Suspended`), nil while versioning was never configured.
    package var versioning: String?
    /// The static website configuration (`PutBucketWebsite`), nil when it has none.
    package var website: S3.WebsiteConfiguration?
    /// The Transfer Acceleration state (`PutBucketAccelerateConfiguration`: `Enabled` or `Suspended`), nil while never
    /// configured. Kept and answered (a local server has no accelerated endpoint).
    package var accelerate: String?
    /// Who pays for requests (`PutBucketRequestPayment`: `Requester`), nil for the bucket owner. Kept and answered.
    package var requestPayer: String?
    /// The Object Lock configuration (enabled at creation or by `PutObjectLockConfiguration`, never disabled), nil
    /// when Object Lock is not enabled.
    package var objectLock: S3.ObjectLockConfiguration?
    /// Server access logging (`PutBucketLogging`): where records of the requests to this bucket are delivered; nil
    /// while logging is off.
    package var logging: S3.LoggingEnabled?
    /// Replication rules (`PutBucketReplication`), nil when none.
    package var replication: S3.ReplicationConfiguration?
    /// S3 Inventory configurations (`PutBucketInventoryConfiguration`), sorted by id; nil when none.
    package var inventory: [S3.InventoryConfiguration]?
    /// When each inventory configuration last had a report written (ms, by id).
    package var inventoryReportedAt: [String: Int64]?

    /// Whether versioning was ever configured (objects then have version ids, `null` included, in answers).
    package var isVersioned: Bool { versioning != nil }
    /// Whether new objects get a version id of their own (versioning `Enabled`).
    package var keepsVersions: Bool { versioning == "Enabled" }
    /// Whether Object Lock is enabled.
    package var locksObjects: Bool { objectLock != nil }

    /// A bucket record.
    package init(name: String, accountID: String, region: String, createdAt: Int64,
                 notifications: S3.NotificationConfiguration? = nil, tags: [S3ObjectTag]? = nil,
                versioning: String? = nil) {
        self.name = name
        self.accountID = accountID
        self.region = region
        self.createdAt = createdAt
        self.notifications = notifications
        self.tags = tags
        self.versioning = versioning
    }
}
