/// What the caller of ``DynamoDBStoreTransaction/putItem(tableID:_:indexEntries:replaced:changedAt:)`` knows of
/// the item the put replaces, so that the store reads and cleans up only what it must.
///
/// Guarantees: a store trusts the case it is given. `.read` carries the item exactly as the same transaction read
/// it; `.unreadWithoutIndexEntries` promises that whatever item the key holds has no index entries (its table has
/// no secondary indexes).
package enum DynamoDBReplacedItem: Sendable {
    /// Nothing is known: an item may exist, with index entries.
    case unknown
    /// Not read, but any item the key holds has no index entries: the store reads it only if it needs the old item
    /// (for an open stream).
    case unreadWithoutIndexEntries
    /// Read in this transaction: the item before the put, or nil when there was none.
    case read(DynamoDBStoredItem?)

    /// Whether the replaced item may have index entries the put must remove.
    package var mayHaveIndexEntries: Bool {
        switch self {
        case .unknown: true
        case .unreadWithoutIndexEntries: false
        case .read(let item): item != nil
        }
    }
}
