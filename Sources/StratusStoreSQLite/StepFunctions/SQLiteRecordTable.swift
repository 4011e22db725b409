// SQLiteRecordTable: a table of Codable records kept as JSON, keyed by ARN and listed by name.
import Foundation
import GRDB

/// A table with the columns `arn` (primary key), `account_id`, `region`, `name` and `record` (the record as sorted
/// JSON): Step Functions' state machines and activities.
///
/// Guarantees: every statement names only ``name``, a constant of this module, never caller text; insert-unless-
/// exists is one statement; listings are by name within an account and region.
struct SQLiteRecordTable: Sendable {
    /// The table name (`sfn_state_machines`, `sfn_activities`).
    let name: String

    /// The record as sorted JSON text.
    static func encode(_ record: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// The record a JSON text holds.
    static func decode<Record: Decodable>(_ text: String, as type: Record.Type) throws -> Record {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Inserts the row unless its ARN exists (one statement); `nil` when inserted, else the stored record text.
    func insertUnlessExists(
        _ database: Database, arn: String, accountID: String, region: String, name recordName: String, document: String
    ) throws -> String? {
        try database.execute(
            sql: "INSERT INTO \(name) (arn, account_id, region, name, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT (arn) DO NOTHING",
            arguments: [arn, accountID, region, recordName, document])
        if database.changesCount > 0 { return nil }
        guard let text = try record(database, arn: arn) else {
            throw SQLiteStepFunctionsStoreError.missingConflictingRow(arn: arn)
        }
        return text
    }

    /// The record text of `arn`, if any.
    func record(_ database: Database, arn: String) throws -> String? {
        try String.fetchOne(database, sql: "SELECT record FROM \(name) WHERE arn = ?", arguments: [arn])
    }

    /// Replaces the record of `arn`; `false` if there is none.
    func replace(_ database: Database, arn: String, document: String) throws -> Bool {
        try database.execute(sql: "UPDATE \(name) SET record = ? WHERE arn = ?", arguments: [document, arn])
        return database.changesCount > 0
    }

    /// Deletes the row of `arn`; `false` if there was none.
    func delete(_ database: Database, arn: String) throws -> Bool {
        try database.execute(sql: "DELETE FROM \(name) WHERE arn = ?", arguments: [arn])
        return database.changesCount > 0
    }

    /// Up to `limit` record texts of an account and region whose name sorts after `afterName`, by name.
    func page(_ database: Database, accountID: String, region: String, afterName: String?, limit: Int) throws -> [String] {
        try String.fetchAll(
            database,
            sql: "SELECT record FROM \(name) WHERE account_id = ? AND region = ? AND name > ? ORDER BY name LIMIT ?",
            arguments: [accountID, region, afterName ?? "", limit])
    }
}
