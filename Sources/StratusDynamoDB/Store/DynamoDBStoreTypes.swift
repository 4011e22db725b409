import Foundation

/// The primary key of an item as the store sees it: the partition key's bytes and the sort key's ordered
/// bytes (empty when the table has no sort key).
///
/// Guarantees: two items have equal keys exactly when DynamoDB considers their primary keys equal; sort keys
/// compare byte-wise in DynamoDB's order (numbers numerically, strings and binary byte-wise).
package struct DynamoDBStoredKey: Sendable, Hashable {
    /// The partition key's bytes.
    package var hash: Data
    /// The sort key's ordered bytes, or empty.
    package var range: Data

    /// Creates a key.
    package init(hash: Data, range: Data = Data()) {
        self.hash = hash
        self.range = range
    }

    /// The 32-bit partition hash of `hash` (FNV-1a): the order of a Scan and the split into parallel-scan
    /// segments. Every adapter must use this value, so a scan's order does not depend on the adapter.
    package static func partitionHash(_ hash: Data) -> UInt32 {
        var value: UInt32 = 2_166_136_261
        for byte in hash {
            value ^= UInt32(byte)
            value = value &* 16_777_619
        }
        return value
    }
}

/// One entry of a secondary index: the item's index key bytes (same encoding as ``DynamoDBStoredKey``).
///
/// Guarantees: only items that have every key attribute of the index get an entry.
package struct DynamoDBIndexEntry: Sendable, Hashable {
    /// The index name.
    package var indexName: String
    /// The index's partition key bytes.
    package var hash: Data
    /// The index's sort key ordered bytes, or empty.
    package var range: Data

    /// Creates an entry.
    package init(indexName: String, hash: Data, range: Data = Data()) {
        self.indexName = indexName
        self.hash = hash
        self.range = range
    }
}

/// An item as stored: its key, its encoded attributes (``DynamoDBItemCodec``) and its DynamoDB size.
package struct DynamoDBStoredItem: Sendable, Equatable {
    /// The primary key.
    package var key: DynamoDBStoredKey
    /// The encoded item.
    package var body: Data
    /// The item's DynamoDB size in bytes (names plus values).
    package var size: Int
    /// When the item expires under its table's TTL (epoch seconds), if TTL is on and the item has a number there.
    /// Written by puts; reads need not fill it.
    package var expiresAt: Int64?

    /// Creates a stored item.
    package init(key: DynamoDBStoredKey, body: Data, size: Int, expiresAt: Int64? = nil) {
        self.key = key
        self.body = body
        self.size = size
        self.expiresAt = expiresAt
    }
}

/// A position in a table or index, in its read order: what `ExclusiveStartKey` names.
///
/// For the table itself `indexHash`/`indexRange` are nil; for an index they are the index key of the entry.
package struct DynamoDBItemPosition: Sendable, Hashable {
    /// The index's partition key bytes (index reads only).
    package var indexHash: Data?
    /// The index's sort key bytes (index reads only).
    package var indexRange: Data?
    /// The base table key.
    package var key: DynamoDBStoredKey

    /// Creates a position.
    package init(indexHash: Data? = nil, indexRange: Data? = nil, key: DynamoDBStoredKey) {
        self.indexHash = indexHash
        self.indexRange = indexRange
        self.key = key
    }
}

/// A sort-key bound of a query.
package struct DynamoDBRangeBound: Sendable, Hashable {
    /// The bound's ordered bytes.
    package var value: Data
    /// Whether items equal to the bound match.
    package var inclusive: Bool

    /// Creates a bound.
    package init(_ value: Data, inclusive: Bool) {
        self.value = value
        self.inclusive = inclusive
    }
}

/// One partition of a table or index read in sort-key order (the storage half of `Query`).
///
/// Guarantees (of every adapter): rows come ordered by sort key (then, in an index, by base key), ascending
/// when `forward`, strictly after `startAfter` in that direction, at most `limit`.
package struct DynamoDBItemQuery: Sendable {
    /// The table.
    package var tableID: Int64
    /// The index read, or nil for the table.
    package var indexName: String?
    /// The partition key bytes.
    package var hash: Data
    /// The lower sort-key bound, if any.
    package var lower: DynamoDBRangeBound?
    /// The upper sort-key bound, if any.
    package var upper: DynamoDBRangeBound?
    /// Ascending (true) or descending.
    package var forward: Bool
    /// Where the previous page ended.
    package var startAfter: DynamoDBItemPosition?
    /// The most rows to return.
    package var limit: Int

    /// Creates a query.
    package init(
        tableID: Int64, indexName: String?, hash: Data, lower: DynamoDBRangeBound? = nil,
        upper: DynamoDBRangeBound? = nil, forward: Bool = true, startAfter: DynamoDBItemPosition? = nil, limit: Int
    ) {
        self.tableID = tableID
        self.indexName = indexName
        self.hash = hash
        self.lower = lower
        self.upper = upper
        self.forward = forward
        self.startAfter = startAfter
        self.limit = limit
    }
}

/// A slice of a table or index read in scan order (the storage half of `Scan`).
///
/// Guarantees (of every adapter): rows come ordered by (partition hash of the read's partition key, partition
/// key, sort key, then base key in an index), only rows whose partition hash is in `partitions`, strictly after
/// `startAfter`, at most `limit`.
package struct DynamoDBItemScan: Sendable {
    /// The table.
    package var tableID: Int64
    /// The index read, or nil for the table.
    package var indexName: String?
    /// The partition hashes of this segment.
    package var partitions: ClosedRange<UInt32>
    /// Where the previous page ended.
    package var startAfter: DynamoDBItemPosition?
    /// The most rows to return.
    package var limit: Int

    /// Creates a scan.
    package init(
        tableID: Int64, indexName: String?, partitions: ClosedRange<UInt32> = 0...UInt32.max,
        startAfter: DynamoDBItemPosition? = nil, limit: Int
    ) {
        self.tableID = tableID
        self.indexName = indexName
        self.partitions = partitions
        self.startAfter = startAfter
        self.limit = limit
    }
}

/// A row of a query or scan: the item and where it is in the read order.
package struct DynamoDBStoredRow: Sendable, Equatable {
    /// The position (for `LastEvaluatedKey`).
    package var position: DynamoDBItemPosition
    /// The item.
    package var item: DynamoDBStoredItem

    /// Creates a row.
    package init(position: DynamoDBItemPosition, item: DynamoDBStoredItem) {
        self.position = position
        self.item = item
    }
}

/// How many items a table or index holds and their total size.
package struct DynamoDBTableStatistics: Sendable, Equatable {
    /// Items in the table.
    package var itemCount: Int
    /// Their total size in bytes.
    package var sizeBytes: Int
    /// Per index name: entries and the total size of the items they point to.
    package var indexes: [String: (itemCount: Int, sizeBytes: Int)]

    /// Creates statistics.
    package init(itemCount: Int, sizeBytes: Int, indexes: [String: (itemCount: Int, sizeBytes: Int)] = [:]) {
        self.itemCount = itemCount
        self.sizeBytes = sizeBytes
        self.indexes = indexes
    }

    /// Equal counts and sizes, for the table and every index.
    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.itemCount == rhs.itemCount && lhs.sizeBytes == rhs.sizeBytes
            && lhs.indexes.mapValues { [$0.itemCount, $0.sizeBytes] } == rhs.indexes.mapValues { [$0.itemCount, $0.sizeBytes] }
    }
}

/// A remembered `ClientRequestToken` of `TransactWriteItems`.
package struct DynamoDBClientTokenRecord: Sendable, Equatable {
    /// A digest of the request's parameters.
    package var fingerprint: String
    /// When the token was first used (ms since the epoch).
    package var createdAt: Int64

    /// Creates a record.
    package init(fingerprint: String, createdAt: Int64) {
        self.fingerprint = fingerprint
        self.createdAt = createdAt
    }
}
