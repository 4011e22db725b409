// PreparedSQLiteStore+JSONRecords: reading and changing the JSON records (``StoredJSON``) of tables keyed by ARN
// (`arn`, `record`, and for the listings `account_id`, `region`, `name`): EventBridge connections, API destinations,
// archives and replays; SNS topics, subscriptions and platform applications.
import GRDB

extension PreparedSQLiteStore {
    /// The JSON records of `table` of an account and region, by name (the table has `account_id`, `region`, `name`).
    func records<T: Codable & Sendable>(_ type: T.Type, table: String, accountID: String, region: String)
        async throws -> [T]
    {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM \(table) WHERE account_id = ? AND region = ? ORDER BY name",
                                arguments: [accountID, region])
                .map { try StoredJSON.decode(T.self, $0) }
        }
    }

    /// The JSON record of `table` with this ARN, or nil.
    func record<T: Codable & Sendable>(_ type: T.Type, table: String, arn: String) async throws -> T? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM \(table) WHERE arn = ?", arguments: [arn])
                .map { try StoredJSON.decode(T.self, $0) }
        }
    }

    /// Reads, changes and writes back the JSON record of `table` with this ARN in one transaction; nil when absent.
    func update<T: Codable & Sendable>(_ type: T.Type, table: String, arn: String,
                                               _ change: @escaping @Sendable (inout T) throws -> Void) async throws -> T? {
        try await write { db -> T? in
            guard let text = try String.fetchOne(db, sql: "SELECT record FROM \(table) WHERE arn = ?", arguments: [arn])
            else { return nil }
            var record = try StoredJSON.decode(T.self, text)
            try change(&record)
            try db.execute(sql: "UPDATE \(table) SET record = ? WHERE arn = ?", arguments: [try StoredJSON.encode(record), arn])
            return record
        }
    }
}
