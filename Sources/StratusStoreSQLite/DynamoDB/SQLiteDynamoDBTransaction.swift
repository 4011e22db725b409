// SQLiteDynamoDBTransaction: the write-transaction view of the DynamoDB store on one GRDB connection.
import Foundation
import GRDB
import StratusDynamoDB

/// ``DynamoDBStoreTransaction`` on the connection of one group-commit closure.
///
/// Guarantees: valid only inside the ``SQLiteDynamoDBStore/write(_:)`` closure it was made for; every statement
/// runs in that closure's savepoint, so a throwing closure leaves nothing behind.
final class SQLiteDynamoDBTransaction: DynamoDBStoreTransaction {
    let database: Database
    /// Whether a table record was written (the store's table cache is dropped after the commit then).
    private(set) var savedTables = false
    /// Whether any table may have point-in-time recovery on (read when this closure began): only then do item
    /// writes look up whether their table keeps a history.
    let historySwitch: SQLiteDynamoDBHistorySwitch
    private let mayRecordHistory: Bool
    /// Whether any table may have an open stream (read when this closure began): only then do item writes look up
    /// their table's stream.
    let streamSwitch: SQLiteDynamoDBHistorySwitch
    private(set) var mayRecordStream: Bool

    /// Makes this transaction's later item writes look up their table's stream (a stream opened in it).
    func enableStreamRecording() { mayRecordStream = true }

    init(database: Database, historySwitch: SQLiteDynamoDBHistorySwitch, streamSwitch: SQLiteDynamoDBHistorySwitch) {
        self.database = database
        self.historySwitch = historySwitch
        self.mayRecordHistory = historySwitch.isOn
        self.streamSwitch = streamSwitch
        self.mayRecordStream = streamSwitch.isOn
    }

    func table(id: Int64) throws -> DynamoDBTableRecord? {
        try Data.fetchOne(database, sql: "SELECT record FROM ddb_tables WHERE id = ?", arguments: [id])
            .map { try SQLiteDynamoDBStore.decodeTable($0, id: id) }
    }

    func saveTable(_ table: DynamoDBTableRecord) throws {
        savedTables = true
        try database.execute(
            sql: "UPDATE ddb_tables SET record = ? WHERE id = ?",
            arguments: [try SQLiteDynamoDBStore.encodeTable(table), table.id])
    }

    func item(tableID: Int64, key: DynamoDBStoredKey) throws -> DynamoDBStoredItem? {
        let statement = try database.cachedStatement(
            sql: "SELECT body, size FROM ddb_items WHERE table_id = ? AND partition = ? AND hash_key = ? AND range_key = ?")
        return try Row.fetchOne(statement, arguments: [tableID, key.partition, key.hash, key.range]).map {
            DynamoDBStoredItem(key: key, body: $0[0], size: $0[1])
        }
    }

    func putItem(
        tableID: Int64, _ item: DynamoDBStoredItem, indexEntries: [DynamoDBIndexEntry], replaced: DynamoDBReplacedItem,
        changedAt: Date
    ) throws {
        let key = item.key
        if mayRecordStream, let stream = try openStreamARN(tableID: tableID) {
            let old: DynamoDBStoredItem?
            if case .read(let read) = replaced { old = read } else { old = try self.item(tableID: tableID, key: key) }
            // A put of the item as it is changes nothing: no stream record (nor anything else to write).
            if let old, old.body == item.body { return }
            try recordStreamChange(stream: stream, old: old?.body, new: item.body, at: changedAt, expired: false)
        }
        try database.cachedStatement(sql: """
            INSERT INTO ddb_items (table_id, partition, hash_key, range_key, size, body, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (table_id, partition, hash_key, range_key)
            DO UPDATE SET size = excluded.size, body = excluded.body, expires_at = excluded.expires_at
            """).execute(arguments: [tableID, key.partition, key.hash, key.range, item.size, item.body, item.expiresAt])
        // Entries are deleted with their item: only a replaced item that may have some needs this.
        if replaced.mayHaveIndexEntries { try removeEntries(tableID: tableID, key: key) }
        try addIndexEntries(tableID: tableID, key: key, indexEntries)
        if mayRecordHistory { try recordHistory(tableID: tableID, key: key, item: item, at: changedAt) }
    }

    private func removeEntries(tableID: Int64, key: DynamoDBStoredKey) throws {
        try database.cachedStatement(
            sql: "DELETE FROM ddb_index_entries WHERE table_id = ? AND hash_key = ? AND range_key = ?"
        ).execute(arguments: [tableID, key.hash, key.range])
    }

    func deleteItem(tableID: Int64, key: DynamoDBStoredKey, changedAt: Date, expired: Bool) throws {
        if mayRecordStream, let stream = try openStreamARN(tableID: tableID) {
            guard let old = try item(tableID: tableID, key: key) else { return }
            try recordStreamChange(stream: stream, old: old.body, new: nil, at: changedAt, expired: expired)
        }
        try database.cachedStatement(
            sql: "DELETE FROM ddb_items WHERE table_id = ? AND partition = ? AND hash_key = ? AND range_key = ?"
        ).execute(arguments: [tableID, key.partition, key.hash, key.range])
        try removeEntries(tableID: tableID, key: key)
        if mayRecordHistory { try recordHistory(tableID: tableID, key: key, item: nil, at: changedAt) }
    }

    func allItems(tableID: Int64) throws -> [DynamoDBStoredItem] {
        try Row.fetchAll(
            database,
            sql: "SELECT hash_key, range_key, body, size FROM ddb_items WHERE table_id = ? ORDER BY partition, hash_key, range_key",
            arguments: [tableID]
        ).map { DynamoDBStoredItem(key: DynamoDBStoredKey(hash: $0[0], range: $0[1]), body: $0[2], size: $0[3]) }
    }

    func addIndexEntries(tableID: Int64, key: DynamoDBStoredKey, _ entries: [DynamoDBIndexEntry]) throws {
        guard !entries.isEmpty else { return }
        let statement = try database.cachedStatement(sql: """
            INSERT OR REPLACE INTO ddb_index_entries
                (table_id, index_name, index_hash, index_range, partition, hash_key, range_key, item_partition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for entry in entries {
            try statement.execute(arguments: [
                tableID, entry.indexName, entry.hash, entry.range, DynamoDBStoredKey.partition(of: entry.hash),
                key.hash, key.range, key.partition,
            ])
        }
    }

    func setExpiry(tableID: Int64, key: DynamoDBStoredKey, expiresAt: Int64?) throws {
        try database.cachedStatement(
            sql: "UPDATE ddb_items SET expires_at = ? WHERE table_id = ? AND partition = ? AND hash_key = ? AND range_key = ?"
        ).execute(arguments: [expiresAt, tableID, key.partition, key.hash, key.range])
    }

    func clearExpiry(tableID: Int64) throws {
        try database.execute(
            sql: "UPDATE ddb_items SET expires_at = NULL WHERE table_id = ? AND expires_at IS NOT NULL", arguments: [tableID])
    }

    func createTable(_ table: DynamoDBTableRecord) throws -> DynamoDBTableRecord? {
        let exists = try Bool.fetchOne(
            database, sql: "SELECT 1 FROM ddb_tables WHERE account_id = ? AND region = ? AND name = ?",
            arguments: [table.accountID, table.region, table.name]) ?? false
        if exists { return nil }
        savedTables = true
        try database.execute(
            sql: "INSERT INTO ddb_tables (account_id, region, name, record) VALUES (?, ?, ?, ?)",
            arguments: [table.accountID, table.region, table.name, try SQLiteDynamoDBStore.encodeTable(table)])
        var created = table
        created.id = database.lastInsertedRowID
        return created
    }

    func createBackup(_ backup: DynamoDBBackupRecord, tableID: Int64) throws -> DynamoDBBackupRecord {
        try database.execute(
            sql: """
                INSERT INTO ddb_backup_items (backup_arn, hash_key, range_key, size, body)
                SELECT ?, hash_key, range_key, size, body FROM ddb_items WHERE table_id = ?
                """,
            arguments: [backup.arn, tableID])
        let totals = try Row.fetchOne(
            database, sql: "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM ddb_backup_items WHERE backup_arn = ?",
            arguments: [backup.arn])
        var stored = backup
        stored.itemCount = totals?[0] ?? 0
        stored.sizeBytes = totals?[1] ?? 0
        try database.execute(
            sql: "INSERT INTO ddb_backups (arn, account_id, region, created_at, record) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                stored.arn, stored.accountID, stored.region, stored.createdAt.timeIntervalSince1970,
                try JSONEncoder().encode(stored),
            ])
        return stored
    }

    func backupItems(arn: String) throws -> [DynamoDBStoredItem] {
        try Row.fetchAll(
            database,
            sql: "SELECT hash_key, range_key, body, size FROM ddb_backup_items WHERE backup_arn = ? ORDER BY hash_key, range_key",
            arguments: [arn]
        ).map { DynamoDBStoredItem(key: DynamoDBStoredKey(hash: $0[0], range: $0[1]), body: $0[2], size: $0[3]) }
    }

    func deleteBackup(arn: String) throws -> DynamoDBBackupRecord? {
        guard let data = try Data.fetchOne(database, sql: "SELECT record FROM ddb_backups WHERE arn = ?", arguments: [arn])
        else { return nil }
        try database.execute(sql: "DELETE FROM ddb_backup_items WHERE backup_arn = ?", arguments: [arn])
        try database.execute(sql: "DELETE FROM ddb_backups WHERE arn = ?", arguments: [arn])
        return try JSONDecoder().decode(DynamoDBBackupRecord.self, from: data)
    }

    func itemCollectionBytes(tableID: Int64, key: DynamoDBStoredKey, localIndexes: [String]) throws -> Int {
        let (hash, partition) = (key.hash, key.partition)
        var bytes = try Int.fetchOne(
            database.cachedStatement(
                sql: "SELECT COALESCE(SUM(size), 0) FROM ddb_items WHERE table_id = ? AND partition = ? AND hash_key = ?"),
            arguments: [tableID, partition, hash]) ?? 0
        for index in localIndexes {
            // An LSI's partition key is the table's: its entries of this collection have `index_hash` = `hash`.
            bytes += try Int.fetchOne(
                database.cachedStatement(sql: """
                    SELECT COALESCE(SUM(i.size), 0) FROM ddb_index_entries e
                    JOIN ddb_items i ON i.table_id = e.table_id AND i.partition = e.item_partition
                        AND i.hash_key = e.hash_key AND i.range_key = e.range_key
                    WHERE e.table_id = ? AND e.index_name = ? AND e.index_hash = ?
                    """),
                arguments: [tableID, index, hash]) ?? 0
        }
        return bytes
    }

    func removeIndex(tableID: Int64, indexName: String) throws {
        try database.execute(
            sql: "DELETE FROM ddb_index_entries WHERE table_id = ? AND index_name = ?", arguments: [tableID, indexName])
    }

    func clientToken(scope: String, token: String) throws -> DynamoDBClientTokenRecord? {
        try Row.fetchOne(
            database, sql: "SELECT fingerprint, created_at FROM ddb_client_tokens WHERE scope = ? AND token = ?",
            arguments: [scope, token]
        ).map { DynamoDBClientTokenRecord(fingerprint: $0[0], createdAt: $0[1]) }
    }

    func saveClientToken(scope: String, token: String, _ record: DynamoDBClientTokenRecord, forgetBefore: Int64) throws {
        try database.execute(sql: "DELETE FROM ddb_client_tokens WHERE created_at < ?", arguments: [forgetBefore])
        try database.execute(
            sql: "INSERT OR REPLACE INTO ddb_client_tokens (scope, token, fingerprint, created_at) VALUES (?, ?, ?, ?)",
            arguments: [scope, token, record.fingerprint, record.createdAt])
    }
}
