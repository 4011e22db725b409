import Foundation

/// One on-demand backup as the store keeps it: what `DescribeBackup` and `ListBackups` answer, and the table the
/// backup restores (its items are kept by the store beside the record).
package struct DynamoDBBackupRecord: Sendable, Equatable, Codable {
    /// The backup's ARN (`<table ARN>/backup/<milliseconds>-<8 hex digits>`), its key.
    package var arn: String
    /// The owning account.
    package var accountID: String
    /// The region the backup lives in.
    package var region: String
    /// The `BackupName` it was created with.
    package var name: String
    /// When it was created.
    package var createdAt: Date
    /// How many items it holds.
    package var itemCount: Int
    /// The sum of its items' sizes.
    package var sizeBytes: Int
    /// The source table as it was when the backup was taken (description, TTL attribute; `id` is the source's).
    package var table: DynamoDBTableRecord

    /// Creates a record.
    package init(
        arn: String, accountID: String, region: String, name: String, createdAt: Date, itemCount: Int = 0,
        sizeBytes: Int = 0, table: DynamoDBTableRecord
    ) {
        self.arn = arn
        self.accountID = accountID
        self.region = region
        self.name = name
        self.createdAt = createdAt
        self.itemCount = itemCount
        self.sizeBytes = sizeBytes
        self.table = table
    }
}
