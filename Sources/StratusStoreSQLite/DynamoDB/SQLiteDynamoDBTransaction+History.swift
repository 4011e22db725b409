// SQLiteDynamoDBTransaction+History: point-in-time recovery settings and item history.
import Foundation
import GRDB
import StratusDynamoDB

extension SQLiteDynamoDBTransaction {
    func pointInTimeRecovery(tableID: Int64) throws -> DynamoDBPointInTimeRecovery? {
        try Row.fetchOne(
            database, sql: "SELECT enabled_at, recovery_days FROM ddb_pitr_tables WHERE table_id = ?", arguments: [tableID]
        ).map { DynamoDBPointInTimeRecovery(enabledAt: Date(timeIntervalSince1970: $0[0]), recoveryPeriodInDays: $0[1]) }
    }

    func enablePointInTimeRecovery(tableID: Int64, _ settings: DynamoDBPointInTimeRecovery) throws {
        if try pointInTimeRecovery(tableID: tableID) != nil {
            try database.execute(
                sql: "UPDATE ddb_pitr_tables SET recovery_days = ? WHERE table_id = ?",
                arguments: [settings.recoveryPeriodInDays, tableID])
            return
        }
        // Writes after this closure (in this batch or later ones) see the switch on and record their changes.
        historySwitch.turnOn()
        try database.execute(
            sql: "INSERT INTO ddb_pitr_tables (table_id, enabled_at, recovery_days) VALUES (?, ?, ?)",
            arguments: [tableID, settings.enabledAt.timeIntervalSince1970, settings.recoveryPeriodInDays])
        try database.execute(
            sql: """
                INSERT INTO ddb_pitr_history (table_id, changed_at, hash_key, range_key, size, body)
                SELECT table_id, ?, hash_key, range_key, size, body FROM ddb_items WHERE table_id = ?
                """,
            arguments: [settings.enabledAt.timeIntervalSince1970, tableID])
    }

    func disablePointInTimeRecovery(tableID: Int64) throws {
        try database.execute(sql: "DELETE FROM ddb_pitr_history WHERE table_id = ?", arguments: [tableID])
        try database.execute(sql: "DELETE FROM ddb_pitr_tables WHERE table_id = ?", arguments: [tableID])
    }

    func forgetHistory(tableID: Int64, before time: Date) throws -> Int {
        let cutoff = time.timeIntervalSince1970
        try database.execute(
            sql: """
                DELETE FROM ddb_pitr_history WHERE table_id = ?1 AND changed_at < ?2 AND id NOT IN (
                    SELECT MAX(id) FROM ddb_pitr_history WHERE table_id = ?1 AND changed_at < ?2
                    GROUP BY hash_key, range_key)
                """,
            arguments: [tableID, cutoff])
        var forgotten = database.changesCount
        // What is left before the cutoff is each key's state then; a key that was deleted then has no state.
        try database.execute(
            sql: "DELETE FROM ddb_pitr_history WHERE table_id = ? AND changed_at < ? AND body IS NULL",
            arguments: [tableID, cutoff])
        forgotten += database.changesCount
        return forgotten
    }

    func items(tableID: Int64, asOf time: Date) throws -> [DynamoDBStoredItem] {
        try Row.fetchAll(
            database,
            sql: """
                SELECT h.hash_key, h.range_key, h.body, h.size FROM ddb_pitr_history h
                WHERE h.table_id = ? AND h.body IS NOT NULL AND h.id = (
                    SELECT MAX(l.id) FROM ddb_pitr_history l
                    WHERE l.table_id = h.table_id AND l.hash_key = h.hash_key AND l.range_key = h.range_key
                        AND l.changed_at <= ?)
                ORDER BY h.hash_key, h.range_key
                """,
            arguments: [tableID, time.timeIntervalSince1970]
        ).map { DynamoDBStoredItem(key: DynamoDBStoredKey(hash: $0[0], range: $0[1]), body: $0[2], size: $0[3]) }
    }

    /// Appends a change of `key` (its new item, or nil for a deletion) to the table's history when the table has
    /// point-in-time recovery on.
    func recordHistory(tableID: Int64, key: DynamoDBStoredKey, item: DynamoDBStoredItem?, at time: Date) throws {
        let enabled = try Bool.fetchOne(
            database.cachedStatement(sql: "SELECT 1 FROM ddb_pitr_tables WHERE table_id = ?"), arguments: [tableID])
        guard enabled == true else { return }
        try database.cachedStatement(sql: """
            INSERT INTO ddb_pitr_history (table_id, changed_at, hash_key, range_key, size, body) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [tableID, time.timeIntervalSince1970, key.hash, key.range, item?.size, item?.body])
    }
}
