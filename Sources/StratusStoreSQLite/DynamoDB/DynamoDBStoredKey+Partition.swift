// DynamoDBStoredKey+Partition: the partition-hash column values of stored keys.
import Foundation
import StratusDynamoDB

extension DynamoDBStoredKey {
    /// The value of the `partition` (and `item_partition`) columns for this key: its partition hash, which leads
    /// the primary key of `ddb_items`, so every lookup by key binds it.
    var partition: Int64 { Self.partition(of: hash) }

    /// The `partition` column value of partition key bytes `hash` (of an item, or of an index entry's index key).
    static func partition(of hash: Data) -> Int64 { Int64(partitionHash(hash)) }
}
