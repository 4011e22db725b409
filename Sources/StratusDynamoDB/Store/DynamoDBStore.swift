import Foundation

/// The storage port of the DynamoDB service: tables, items, secondary-index entries, transaction tokens, backups,
/// point-in-time recovery history, exports and streams.
///
/// Guarantees every adapter must give:
/// - each method is one atomic transaction; a method that returns has committed durably (an acknowledged
///   write survives a crash);
/// - ``write(_:)`` runs its closure with exclusive write access (reads inside it see every earlier committed
///   write and nothing can change between a read and a write of the same closure), so conditional writes are
///   read-check-write atomic; when the closure throws nothing it did is kept;
/// - reads outside ``write(_:)`` see a committed snapshot;
/// - adapters never read a clock (times come with the calls: `changedAt`, backup and recovery records) and know
///   nothing of DynamoDB rules beyond what the request types spell out;
/// - while a table has point-in-time recovery on, every change of its items joins its history in the transaction
///   of the change;
/// - while a table has an open stream, every change of its items that changes something (a put of an item
///   equal to the stored one and a deletion of an absent item do not) joins the stream in the transaction of the
///   change, with the item before and after it.
package protocol DynamoDBStore: Sendable {
    /// Inserts `table` unless a table with its account, region and name exists.
    /// - Returns: the stored table with its id, or nil when the name is taken (nothing is written then).
    func createTable(_ table: DynamoDBTableRecord) async throws -> DynamoDBTableRecord?

    /// The table `name` of `accountID` in `region`, or nil.
    func table(accountID: String, region: String, name: String) async throws -> DynamoDBTableRecord?

    /// Names of the tables of `accountID` in `region`, sorted, strictly after `afterName`, at most `limit`.
    func tableNames(accountID: String, region: String, afterName: String?, limit: Int) async throws -> [String]

    /// Every table of every account and region (maintenance).
    func allTables() async throws -> [DynamoDBTableRecord]

    /// Deletes table `id` with its items and index entries, and closes its open stream as of `time` (the stream
    /// and its changes stay until ``trimStreams(before:)`` forgets them).
    func deleteTable(id: Int64, at time: Date) async throws

    /// Runs `body` in one atomic, exclusive write transaction (see the type's guarantees).
    func write<T: Sendable>(_ body: @escaping @Sendable (any DynamoDBStoreTransaction) throws -> T) async throws -> T

    /// The items with these keys (nil where absent), read from one snapshot.
    func items(tableID: Int64, keys: [DynamoDBStoredKey]) async throws -> [DynamoDBStoredItem?]

    /// One partition in sort-key order (see ``DynamoDBItemQuery``).
    func query(_ query: DynamoDBItemQuery) async throws -> [DynamoDBStoredRow]

    /// A slice in scan order (see ``DynamoDBItemScan``).
    func scan(_ scan: DynamoDBItemScan) async throws -> [DynamoDBStoredRow]

    /// Item counts and sizes of table `tableID` and its indexes.
    func statistics(tableID: Int64) async throws -> DynamoDBTableStatistics

    /// The backup with this ARN, or nil.
    func backup(arn: String) async throws -> DynamoDBBackupRecord?

    /// Every backup of `accountID` in `region`, oldest first (ties by ARN).
    func backups(accountID: String, region: String) async throws -> [DynamoDBBackupRecord]

    /// The point-in-time recovery settings of table `tableID`, or nil when recovery is off.
    func pointInTimeRecovery(tableID: Int64) async throws -> DynamoDBPointInTimeRecovery?

    /// Inserts or replaces the export with `export.description.exportArn`.
    func saveExport(_ export: DynamoDBExportRecord) async throws

    /// The export with this ARN, or nil.
    func export(arn: String) async throws -> DynamoDBExportRecord?

    /// Every export of `accountID` in `region`, oldest first.
    func exports(accountID: String, region: String) async throws -> [DynamoDBExportRecord]

    /// Inserts or replaces the import with `record.description.importArn`.
    func saveImport(_ record: DynamoDBImportRecord) async throws

    /// The import with this ARN, or nil.
    func importRecord(arn: String) async throws -> DynamoDBImportRecord?

    /// Every import of `accountID` in `region`, oldest first (ties by ARN).
    func imports(accountID: String, region: String) async throws -> [DynamoDBImportRecord]

    /// Every stream of `accountID` in `region` (open and closed), oldest first (ties by ARN).
    func streams(accountID: String, region: String) async throws -> [DynamoDBStreamRecord]

    /// The stream with this ARN, or nil.
    func stream(arn: String) async throws -> DynamoDBStreamRecord?

    /// The stream's changes with a sequence number of at least `sequence`, in order, at most `limit`.
    func streamChanges(arn: String, from sequence: Int64, limit: Int) async throws -> [DynamoDBStreamChange]

    /// The sequence number of the stream's last change (nil when it has none left).
    func lastStreamSequence(arn: String) async throws -> Int64?

    /// The greatest sequence number any change of any stream was given (0 before the first).
    func latestStreamSequence() async throws -> Int64

    /// Forgets the changes made before `time` and the streams closed before it (with their changes).
    /// Returns how many changes were forgotten.
    func trimStreams(before time: Date) async throws -> Int

    /// Keys of items of the table whose ``DynamoDBStoredItem/expiresAt`` is within `range`, soonest first, at
    /// most `limit` (the TTL sweeper's work list; it re-checks each item before deleting it).
    func expiringKeys(tableID: Int64, in range: ClosedRange<Int64>, limit: Int) async throws -> [DynamoDBStoredKey]
}

/// What a ``DynamoDBStore/write(_:)`` closure may do, inside its transaction.
package protocol DynamoDBStoreTransaction {
    /// The table with this id, or nil.
    func table(id: Int64) throws -> DynamoDBTableRecord?

    /// Replaces the stored record of `table.id` (same account, region and name).
    func saveTable(_ table: DynamoDBTableRecord) throws

    /// The item with this key, or nil.
    func item(tableID: Int64, key: DynamoDBStoredKey) throws -> DynamoDBStoredItem?

    /// Inserts or replaces `item`; its index entries become exactly `indexEntries`. `replaced` says what the caller
    /// knows of the item it replaces: the adapter removes old index entries only when that item may have some, and
    /// reads it only when it needs it and the caller has not (an open stream records the item before and after;
    /// a put that leaves the item as it was records nothing). When the table has point-in-time recovery on, the new
    /// item joins its history as of `changedAt`.
    func putItem(
        tableID: Int64, _ item: DynamoDBStoredItem, indexEntries: [DynamoDBIndexEntry], replaced: DynamoDBReplacedItem,
        changedAt: Date
    ) throws

    /// Deletes the item with this key and its index entries (no-op when absent); with point-in-time recovery on,
    /// the deletion joins the table's history as of `changedAt`, and with an open stream its stream, marked as a
    /// time-to-live deletion when `expired`.
    func deleteItem(tableID: Int64, key: DynamoDBStoredKey, changedAt: Date, expired: Bool) throws

    /// Opens `stream` for its table (closing any stream the table still had open, as of `stream.createdAt`): from
    /// this transaction on, the table's item changes join it. Returns the record with its
    /// ``DynamoDBStreamRecord/firstSequence``.
    @discardableResult
    func openStream(_ stream: DynamoDBStreamRecord) throws -> DynamoDBStreamRecord

    /// Closes the table's open stream as of `time` (no-op when it has none): later changes do not join it.
    func closeStream(tableID: Int64, at time: Date) throws

    /// Every item of the table, in key order (index backfills, TTL sweeps).
    func allItems(tableID: Int64) throws -> [DynamoDBStoredItem]

    /// Sets the TTL expiry of an existing item (backfill when TTL is enabled); no-op when absent.
    func setExpiry(tableID: Int64, key: DynamoDBStoredKey, expiresAt: Int64?) throws

    /// Clears the TTL expiry of every item of the table (TTL disabled).
    func clearExpiry(tableID: Int64) throws

    /// Adds index entries for an existing item (backfill of a new index).
    func addIndexEntries(tableID: Int64, key: DynamoDBStoredKey, _ entries: [DynamoDBIndexEntry]) throws

    /// Removes every entry of index `indexName` of the table.
    func removeIndex(tableID: Int64, indexName: String) throws

    /// Inserts `table` unless a table with its account, region and name exists (as
    /// ``DynamoDBStore/createTable(_:)``, inside this transaction): the stored table with its id, or nil.
    func createTable(_ table: DynamoDBTableRecord) throws -> DynamoDBTableRecord?

    /// Stores `backup` with a copy of every item of table `tableID` (as this transaction sees them); returns the
    /// record with its ``DynamoDBBackupRecord/itemCount`` and ``DynamoDBBackupRecord/sizeBytes`` filled in. The
    /// copy is independent of the table: later writes, and deleting the table, leave it as it is.
    func createBackup(_ backup: DynamoDBBackupRecord, tableID: Int64) throws -> DynamoDBBackupRecord

    /// The items a backup holds, in key order (each with its size; no TTL expiry).
    func backupItems(arn: String) throws -> [DynamoDBStoredItem]

    /// Deletes the backup and its items; returns what was deleted, or nil when there was no such backup.
    func deleteBackup(arn: String) throws -> DynamoDBBackupRecord?

    /// The point-in-time recovery settings of table `tableID`, or nil when recovery is off.
    func pointInTimeRecovery(tableID: Int64) throws -> DynamoDBPointInTimeRecovery?

    /// Turns point-in-time recovery on with `settings` (the table's current items start its history, as of
    /// `settings.enabledAt`), or, when it is on already, only changes its recovery period.
    func enablePointInTimeRecovery(tableID: Int64, _ settings: DynamoDBPointInTimeRecovery) throws

    /// Turns point-in-time recovery off and forgets the table's history (no-op when off).
    func disablePointInTimeRecovery(tableID: Int64) throws

    /// Forgets the history no restore at or after `time` needs: of each key's changes before `time` only the last
    /// one stays, and not even that when it is a deletion. Returns how many changes were forgotten.
    func forgetHistory(tableID: Int64, before time: Date) throws -> Int

    /// The items table `tableID` held at `time` according to its history (each key's last change at or before
    /// `time`; deleted keys left out), in key order. Only meaningful between the enabling and now.
    func items(tableID: Int64, asOf time: Date) throws -> [DynamoDBStoredItem]

    /// The bytes of the item collection of `key`'s partition key (as this transaction sees it): the sizes of the
    /// table's items with that partition key plus, for each index in `localIndexes`, the sizes of those items
    /// that have an entry in it (whole items, so an upper bound of what a projection other than `ALL` holds).
    func itemCollectionBytes(tableID: Int64, key: DynamoDBStoredKey, localIndexes: [String]) throws -> Int

    /// The remembered client token `token` of `scope` (account and region), or nil.
    func clientToken(scope: String, token: String) throws -> DynamoDBClientTokenRecord?

    /// Remembers `token` of `scope`, and forgets tokens of any scope created before `forgetBefore` (ms).
    func saveClientToken(scope: String, token: String, _ record: DynamoDBClientTokenRecord, forgetBefore: Int64) throws
}

extension DynamoDBStoreTransaction {
    /// Deletes the item with this key (a deletion by a request, not by the time to live).
    package func deleteItem(tableID: Int64, key: DynamoDBStoredKey, changedAt: Date) throws {
        try deleteItem(tableID: tableID, key: key, changedAt: changedAt, expired: false)
    }

    /// Inserts or replaces `item` whether or not it exists; its index entries become exactly `indexEntries`.
    package func putItem(
        tableID: Int64, _ item: DynamoDBStoredItem, indexEntries: [DynamoDBIndexEntry], changedAt: Date
    ) throws {
        try putItem(tableID: tableID, item, indexEntries: indexEntries, replaced: .unknown, changedAt: changedAt)
    }
}
