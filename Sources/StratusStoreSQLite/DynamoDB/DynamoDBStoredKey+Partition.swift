// DynamoDBStoredKey+Partition: the partition-hash column value of a stored key.
import StratusDynamoDB

extension DynamoDBStoredKey {
    /// The value of the `partition` (and `item_partition`) columns for this key: its partition hash, which leads
    /// the primary key of `ddb_items`, so every lookup by key binds it.
    var partition: Int64 { Int64(Self.partitionHash(hash)) }
}
