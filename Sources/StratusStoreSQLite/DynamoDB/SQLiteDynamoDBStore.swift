// SQLiteDynamoDBStore: the DynamoDB storage port on one SQLite database.
import Foundation
import GRDB
import StratusAPIDynamoDB
import StratusDynamoDB
import Synchronization

/// ``DynamoDBStore`` on a ``SQLiteDatabase`` (normally `SQLiteStoreFactory.database(for: "dynamodb")`).
///
/// Guarantees: every write goes through the database's group commit, one savepoint per call, so a returned
/// call is durable and a failed one changed nothing; group-commit closures run one at a time on the single
/// writer connection, which makes each ``write(_:)`` closure exclusive (read-check-write is atomic). Table
/// records are cached in memory (this process is the database's only writer); every table write drops the
/// cache after it commits, and a lookup racing with a write never caches the older record. Call
/// ``invalidateCaches()`` after wiping the database behind the store's back (`/_stratus/reset`).
package final class SQLiteDynamoDBStore: DynamoDBStore, PreparedSQLiteStore {
    let database: SQLiteDatabase
    /// Runs short reads on the caller's thread (file databases only; in-memory ones read through `database`).
    private let inlineReader: SQLiteDynamoDBInlineReader?
    private let migrated = Mutex(false)
    private struct TableCache {
        var records: [String: DynamoDBTableRecord] = [:]
        var version: UInt64 = 0
    }
    private let tableCache = Mutex(TableCache())
    /// Whether item writes must look up point-in-time recovery (set from the database once migrated).
    private let historySwitch = SQLiteDynamoDBHistorySwitch()
    /// Whether item writes must look up their table's stream (set from the database once migrated).
    private let streamSwitch = SQLiteDynamoDBHistorySwitch()

    /// A store on `database`.
    package init(database: SQLiteDatabase) {
        self.database = database
        self.inlineReader = database.fileURL.map { SQLiteDynamoDBInlineReader(url: $0) }
    }

    /// Applies the schema migrations (done automatically on first use; call it to fail early).
    package func prepare() async throws {
        if migrated.withLock({ $0 }) { return }
        try await database.migrate(SQLiteDynamoDBSchema.migrations)
        let keepsHistory = try await database.read { database in
            try Bool.fetchOne(database, sql: "SELECT EXISTS (SELECT 1 FROM ddb_pitr_tables)") ?? false
        }
        if keepsHistory { historySwitch.turnOn() }
        let hasOpenStream = try await database.read { database in
            try Bool.fetchOne(database, sql: "SELECT EXISTS (SELECT 1 FROM ddb_streams WHERE closed_at IS NULL)") ?? false
        }
        if hasOpenStream { streamSwitch.turnOn() }
        migrated.withLock { $0 = true }
    }

    /// Deletes every table, item and token (the `/_stratus/reset` admin call), then drops the cache.
    package func reset() async throws {
        try await prepare()
        try await database.reset()
        invalidateCaches()
    }

    /// Forgets every cached table record.
    package func invalidateCaches() {
        tableCache.withLock { cache in
            cache.records.removeAll(keepingCapacity: true)
            cache.version &+= 1
        }
    }

    /// A short read (a few rows): on the calling thread when the database is a file (see
    /// ``SQLiteDynamoDBInlineReader``), else like ``read(_:)``.
    private func shortRead<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await prepare()
        if let inlineReader { return try inlineReader.read(body) }
        return try await database.read(body)
    }

    func tableWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await prepare()
        defer { invalidateCaches() }
        return try await database.write(body)
    }

    static func encodeTable(_ table: DynamoDBTableRecord) throws -> Data {
        try JSONEncoder().encode(table)
    }

    static func decodeTable(_ data: Data, id: Int64) throws -> DynamoDBTableRecord {
        var record = try JSONDecoder().decode(DynamoDBTableRecord.self, from: data)
        record.id = id
        return record
    }

    /// The transaction view of one write closure on `database`.
    func transaction(on database: Database) -> SQLiteDynamoDBTransaction {
        SQLiteDynamoDBTransaction(database: database, historySwitch: historySwitch, streamSwitch: streamSwitch)
    }

    private static func cacheKey(_ accountID: String, _ region: String, _ name: String) -> String {
        "\(accountID)\u{0}\(region)\u{0}\(name)"
    }

    // MARK: Tables

    /// The ``DynamoDBStore`` requirement of the same name, in one transaction.
    package func createTable(_ table: DynamoDBTableRecord) async throws -> DynamoDBTableRecord? {
        try await tableWrite { database in
            try self.transaction(on: database).createTable(table)
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func table(accountID: String, region: String, name: String) async throws -> DynamoDBTableRecord? {
        let key = Self.cacheKey(accountID, region, name)
        let (cached, version) = tableCache.withLock { ($0.records[key], $0.version) }
        if let cached { return cached }
        let found = try await shortRead { database -> DynamoDBTableRecord? in
            let statement = try database.cachedStatement(
                sql: "SELECT id, record FROM ddb_tables WHERE account_id = ? AND region = ? AND name = ?")
            guard let row = try Row.fetchOne(statement, arguments: [accountID, region, name]) else { return nil }
            return try Self.decodeTable(row[1], id: row[0])
        }
        if let found {
            tableCache.withLock { cache in
                if cache.version == version { cache.records[key] = found }
            }
        }
        return found
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func tableNames(accountID: String, region: String, afterName: String?, limit: Int) async throws -> [String] {
        try await read { database in
            try String.fetchAll(
                database,
                sql: "SELECT name FROM ddb_tables WHERE account_id = ? AND region = ? AND name > ? ORDER BY name LIMIT ?",
                arguments: [accountID, region, afterName ?? "", limit])
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func allTables() async throws -> [DynamoDBTableRecord] {
        try await read { database in
            try Row.fetchAll(database, sql: "SELECT id, record FROM ddb_tables ORDER BY id").map {
                try Self.decodeTable($0[1], id: $0[0])
            }
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name, in one transaction.
    package func deleteTable(id: Int64, at time: Date) async throws {
        try await tableWrite { database in
            try self.transaction(on: database).closeStream(tableID: id, at: time)
            try database.execute(sql: "DELETE FROM ddb_index_entries WHERE table_id = ?", arguments: [id])
            try database.execute(sql: "DELETE FROM ddb_items WHERE table_id = ?", arguments: [id])
            try database.execute(sql: "DELETE FROM ddb_pitr_history WHERE table_id = ?", arguments: [id])
            try database.execute(sql: "DELETE FROM ddb_pitr_tables WHERE table_id = ?", arguments: [id])
            try database.execute(sql: "DELETE FROM ddb_tables WHERE id = ?", arguments: [id])
        }
    }

    // MARK: Backups

    /// The ``DynamoDBStore`` requirement of the same name.
    package func backup(arn: String) async throws -> DynamoDBBackupRecord? {
        try await read { database in
            try Data.fetchOne(database, sql: "SELECT record FROM ddb_backups WHERE arn = ?", arguments: [arn])
                .map { try JSONDecoder().decode(DynamoDBBackupRecord.self, from: $0) }
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func backups(accountID: String, region: String) async throws -> [DynamoDBBackupRecord] {
        try await read { database in
            try Data.fetchAll(
                database,
                sql: "SELECT record FROM ddb_backups WHERE account_id = ? AND region = ? ORDER BY created_at, arn",
                arguments: [accountID, region]
            ).map { try JSONDecoder().decode(DynamoDBBackupRecord.self, from: $0) }
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func saveExport(_ export: DynamoDBExportRecord) async throws {
        try await saveStarted(export, table: "ddb_exports", arn: export.description.exportArn ?? "",
                              accountID: export.accountID, region: export.region, startedAt: export.description.startTime)
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func export(arn: String) async throws -> DynamoDBExportRecord? {
        try await record(DynamoDBExportRecord.self, table: "ddb_exports", arn: arn)
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func exports(accountID: String, region: String) async throws -> [DynamoDBExportRecord] {
        try await startedRecords(DynamoDBExportRecord.self, table: "ddb_exports", accountID: accountID, region: region)
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func saveImport(_ record: DynamoDBImportRecord) async throws {
        try await saveStarted(record, table: "ddb_imports", arn: record.description.importArn ?? "",
                              accountID: record.accountID, region: record.region, startedAt: record.description.startTime)
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func importRecord(arn: String) async throws -> DynamoDBImportRecord? {
        try await record(DynamoDBImportRecord.self, table: "ddb_imports", arn: arn)
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func imports(accountID: String, region: String) async throws -> [DynamoDBImportRecord] {
        try await startedRecords(DynamoDBImportRecord.self, table: "ddb_imports", accountID: accountID, region: region)
    }

    /// Inserts or replaces the JSON record with this ARN in `table` (`ddb_exports`, `ddb_imports`: jobs listed by
    /// their start).
    private func saveStarted<T: Encodable>(
        _ record: T, table: String, arn: String, accountID: String, region: String, startedAt: Date?
    ) async throws {
        try await prepare()
        let encoded = try StoredJSON.encode(record)
        try await database.write { database in
            try database.execute(sql: """
                INSERT OR REPLACE INTO \(table) (arn, account_id, region, started_at, record) VALUES (?, ?, ?, ?, ?)
                """, arguments: [arn, accountID, region, startedAt?.timeIntervalSince1970 ?? 0, encoded])
        }
    }

    /// The JSON records of `table` of an account and region, oldest start first (ties by ARN).
    private func startedRecords<T: Codable & Sendable>(_ type: T.Type, table: String, accountID: String, region: String)
        async throws -> [T]
    {
        try await read { database in
            try String.fetchAll(
                database, sql: "SELECT record FROM \(table) WHERE account_id = ? AND region = ? ORDER BY started_at, arn",
                arguments: [accountID, region]
            ).map { try StoredJSON.decode(T.self, $0) }
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func pointInTimeRecovery(tableID: Int64) async throws -> DynamoDBPointInTimeRecovery? {
        try await read { database in
            try Row.fetchOne(
                database, sql: "SELECT enabled_at, recovery_days FROM ddb_pitr_tables WHERE table_id = ?",
                arguments: [tableID]
            ).map { DynamoDBPointInTimeRecovery(enabledAt: Date(timeIntervalSince1970: $0[0]), recoveryPeriodInDays: $0[1]) }
        }
    }

    // MARK: Items

    /// The ``DynamoDBStore`` requirement of the same name: one group-commit closure, exclusive on the writer.
    package func write<T: Sendable>(_ body: @escaping @Sendable (any DynamoDBStoreTransaction) throws -> T) async throws -> T {
        try await prepare()
        let (result, savedTables) = try await database.write { database -> (T, Bool) in
            let transaction = self.transaction(on: database)
            let result = try body(transaction)
            return (result, transaction.savedTables)
        }
        if savedTables { invalidateCaches() }
        return result
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func items(tableID: Int64, keys: [DynamoDBStoredKey]) async throws -> [DynamoDBStoredItem?] {
        try await shortRead { database in
            let statement = try database.cachedStatement(
                sql: "SELECT body, size FROM ddb_items WHERE table_id = ? AND partition = ? AND hash_key = ? AND range_key = ?")
            return try keys.map { key in
                try Row.fetchOne(statement, arguments: [tableID, key.partition, key.hash, key.range]).map {
                    DynamoDBStoredItem(key: key, body: $0[0], size: $0[1])
                }
            }
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func query(_ query: DynamoDBItemQuery) async throws -> [DynamoDBStoredRow] {
        try await shortRead { database in
            var arguments: StatementArguments = [query.tableID]
            var conditions: [String] = []
            let order = query.forward ? "ASC" : "DESC"
            let sql: String
            if let indexName = query.indexName {
                conditions.append("e.table_id = ? AND e.index_name = ? AND e.index_hash = ?")
                arguments += [indexName, query.hash]
                if let lower = query.lower {
                    conditions.append("e.index_range \(lower.inclusive ? ">=" : ">") ?")
                    arguments += [lower.value]
                }
                if let upper = query.upper {
                    conditions.append("e.index_range \(upper.inclusive ? "<=" : "<") ?")
                    arguments += [upper.value]
                }
                if let start = query.startAfter {
                    conditions.append("(e.index_range, e.hash_key, e.range_key) \(query.forward ? ">" : "<") (?, ?, ?)")
                    arguments += [start.indexRange ?? Data(), start.key.hash, start.key.range]
                }
                sql = """
                    SELECT e.index_hash, e.index_range, i.hash_key, i.range_key, i.body, i.size
                    FROM ddb_index_entries e JOIN ddb_items i
                        ON i.table_id = e.table_id AND i.partition = e.item_partition AND i.hash_key = e.hash_key
                        AND i.range_key = e.range_key
                    WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY e.index_range \(order), e.hash_key \(order), e.range_key \(order) LIMIT ?
                    """
            } else {
                conditions.append("table_id = ? AND partition = ? AND hash_key = ?")
                arguments += [DynamoDBStoredKey.partition(of: query.hash), query.hash]
                if let lower = query.lower {
                    conditions.append("range_key \(lower.inclusive ? ">=" : ">") ?")
                    arguments += [lower.value]
                }
                if let upper = query.upper {
                    conditions.append("range_key \(upper.inclusive ? "<=" : "<") ?")
                    arguments += [upper.value]
                }
                if let start = query.startAfter {
                    conditions.append("range_key \(query.forward ? ">" : "<") ?")
                    arguments += [start.key.range]
                }
                sql = """
                    SELECT NULL, NULL, hash_key, range_key, body, size FROM ddb_items
                    WHERE \(conditions.joined(separator: " AND ")) ORDER BY range_key \(order) LIMIT ?
                    """
            }
            arguments += [query.limit]
            return try Array(Row.fetchCursor(database.cachedStatement(sql: sql), arguments: arguments).map(Self.row(from:)))
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func scan(_ scan: DynamoDBItemScan) async throws -> [DynamoDBStoredRow] {
        try await read { database in
            var arguments: StatementArguments = [scan.tableID]
            let sql: String
            let low = Int64(scan.partitions.lowerBound), high = Int64(scan.partitions.upperBound)
            if let indexName = scan.indexName {
                var condition = "e.table_id = ? AND e.index_name = ? AND e.partition BETWEEN ? AND ?"
                arguments += [indexName, low, high]
                if let start = scan.startAfter {
                    condition += " AND (e.partition, e.index_hash, e.index_range, e.hash_key, e.range_key) > (?, ?, ?, ?, ?)"
                    let hash = start.indexHash ?? Data()
                    arguments += [
                        DynamoDBStoredKey.partition(of: hash), hash, start.indexRange ?? Data(), start.key.hash,
                        start.key.range,
                    ]
                }
                sql = """
                    SELECT e.index_hash, e.index_range, i.hash_key, i.range_key, i.body, i.size
                    FROM ddb_index_entries e JOIN ddb_items i
                        ON i.table_id = e.table_id AND i.partition = e.item_partition AND i.hash_key = e.hash_key
                        AND i.range_key = e.range_key
                    WHERE \(condition)
                    ORDER BY e.partition, e.index_hash, e.index_range, e.hash_key, e.range_key LIMIT ?
                    """
            } else {
                var condition = "table_id = ? AND partition BETWEEN ? AND ?"
                arguments += [low, high]
                if let start = scan.startAfter {
                    condition += " AND (partition, hash_key, range_key) > (?, ?, ?)"
                    arguments += [start.key.partition, start.key.hash, start.key.range]
                }
                sql = """
                    SELECT NULL, NULL, hash_key, range_key, body, size FROM ddb_items
                    WHERE \(condition) ORDER BY partition, hash_key, range_key LIMIT ?
                    """
            }
            arguments += [scan.limit]
            return try Array(Row.fetchCursor(database.cachedStatement(sql: sql), arguments: arguments).map(Self.row(from:)))
        }
    }

    /// Decodes a result row while the statement is on it (rows are not copied first).
    private static func row(from row: Row) -> DynamoDBStoredRow {
        let key = DynamoDBStoredKey(hash: row[2], range: row[3])
        return DynamoDBStoredRow(
            position: DynamoDBItemPosition(indexHash: row[0], indexRange: row[1], key: key),
            item: DynamoDBStoredItem(key: key, body: row[4], size: row[5]))
    }

    /// The ``DynamoDBStore`` requirement of the same name (through the partial index `ddb_items_expiry`).
    package func expiringKeys(tableID: Int64, in range: ClosedRange<Int64>, limit: Int) async throws
        -> [DynamoDBStoredKey]
    {
        try await read { database in
            try Row.fetchAll(
                database.cachedStatement(sql: """
                    SELECT hash_key, range_key FROM ddb_items
                    WHERE table_id = ? AND expires_at IS NOT NULL AND expires_at BETWEEN ? AND ?
                    ORDER BY expires_at LIMIT ?
                    """),
                arguments: [tableID, range.lowerBound, range.upperBound, limit]
            ).map { DynamoDBStoredKey(hash: $0[0], range: $0[1]) }
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func statistics(tableID: Int64) async throws -> DynamoDBTableStatistics {
        try await read { database in
            let table = try Row.fetchOne(
                database, sql: "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM ddb_items WHERE table_id = ?",
                arguments: [tableID])
            var statistics = DynamoDBTableStatistics(itemCount: table?[0] ?? 0, sizeBytes: table?[1] ?? 0)
            let rows = try Row.fetchAll(database, sql: """
                SELECT e.index_name, COUNT(*), COALESCE(SUM(i.size), 0) FROM ddb_index_entries e JOIN ddb_items i
                    ON i.table_id = e.table_id AND i.partition = e.item_partition AND i.hash_key = e.hash_key
                        AND i.range_key = e.range_key
                WHERE e.table_id = ? GROUP BY e.index_name
                """, arguments: [tableID])
            for row in rows { statistics.indexes[row[0]] = (row[1], row[2]) }
            return statistics
        }
    }
}
