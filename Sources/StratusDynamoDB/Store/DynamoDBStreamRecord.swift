import Foundation
import StratusAPIDynamoDB

/// A table's stream as stored: what `ListStreams` and `DescribeStream` answer about it, with its owner.
///
/// A stream has one shard. Its changes (``DynamoDBStreamChange``) carry sequence numbers from one counter shared by
/// every stream of the store, so they only grow: ``firstSequence`` is the first number the stream could hold.
package struct DynamoDBStreamRecord: Sendable, Equatable, Codable {
    /// The stream's ARN (`<table ARN>/stream/<label>`), its key.
    package var arn: String
    /// The stream's label (the creation time, as `LatestStreamLabel` shows it).
    package var label: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The table's store id (a deleted table's id is never reused for another table's changes).
    package var tableID: Int64
    /// The table's name.
    package var tableName: String
    /// The table's key schema when the stream was created.
    package var keySchema: [DynamoDB.KeySchemaElement]
    /// `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE` or `NEW_AND_OLD_IMAGES`.
    package var viewType: String
    /// The id of the stream's one shard.
    package var shardID: String
    /// When the stream was created.
    package var createdAt: Date
    /// When the stream was disabled (or its table deleted); nil while it records changes.
    package var closedAt: Date?
    /// The first sequence number the stream can hold (set by the store when the stream is opened).
    package var firstSequence: Int64 = 0
    /// The greatest sequence number of the stream's changes forgotten by trimming (24 hours after they were made), nil
    /// while none were (set by the store when it reads the stream).
    package var trimmedThrough: Int64?

    /// A stream record.
    package init(
        arn: String, label: String, accountID: String, region: String, tableID: Int64, tableName: String,
        keySchema: [DynamoDB.KeySchemaElement], viewType: String, shardID: String, createdAt: Date
    ) {
        self.arn = arn
        self.label = label
        self.accountID = accountID
        self.region = region
        self.tableID = tableID
        self.tableName = tableName
        self.keySchema = keySchema
        self.viewType = viewType
        self.shardID = shardID
        self.createdAt = createdAt
    }
}

/// One change of an item as a stream recorded it: the item before and after (encoded; nil when absent).
package struct DynamoDBStreamChange: Sendable, Equatable {
    /// The change's sequence number (greater than every earlier change's, in every stream of the store).
    package var sequence: Int64
    /// When the change was made.
    package var changedAt: Date
    /// The item before the change (nil: it did not exist).
    package var oldBody: Data?
    /// The item after the change (nil: it was deleted).
    package var newBody: Data?
    /// Whether the change is a deletion by the table's time to live.
    package var expired: Bool

    /// A recorded change.
    package init(sequence: Int64, changedAt: Date, oldBody: Data?, newBody: Data?, expired: Bool) {
        self.sequence = sequence
        self.changedAt = changedAt
        self.oldBody = oldBody
        self.newBody = newBody
        self.expired = expired
    }
}
