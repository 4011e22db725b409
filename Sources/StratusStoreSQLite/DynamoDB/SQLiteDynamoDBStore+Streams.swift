// SQLiteDynamoDBStore+Streams: reading tables' streams and their changes, and forgetting old ones.
import Foundation
import GRDB
import StratusDynamoDB

extension SQLiteDynamoDBStore {
    /// The ``DynamoDBStore`` requirement of the same name.
    package func streams(accountID: String, region: String) async throws -> [DynamoDBStreamRecord] {
        try await read { database in
            try Row.fetchAll(
                database,
                sql: "SELECT record, trimmed_through FROM ddb_streams WHERE account_id = ? AND region = ? ORDER BY created_at, arn",
                arguments: [accountID, region]
            ).map(Self.streamRecord)
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func stream(arn: String) async throws -> DynamoDBStreamRecord? {
        try await read { database in
            try Row.fetchOne(database, sql: "SELECT record, trimmed_through FROM ddb_streams WHERE arn = ?", arguments: [arn])
                .map(Self.streamRecord)
        }
    }

    /// A stream record from its row (`record`, `trimmed_through`).
    private static func streamRecord(_ row: Row) throws -> DynamoDBStreamRecord {
        var record = try JSONDecoder().decode(DynamoDBStreamRecord.self, from: row[0] as Data)
        let trimmed: Int64 = row[1]
        record.trimmedThrough = trimmed > 0 ? trimmed : nil
        return record
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func streamChanges(arn: String, from sequence: Int64, limit: Int) async throws -> [DynamoDBStreamChange] {
        try await read { database in
            try Row.fetchAll(database, sql: """
                SELECT sequence, changed_at, old_body, new_body, expired FROM ddb_stream_changes
                WHERE stream_arn = ? AND sequence >= ? ORDER BY sequence LIMIT ?
                """, arguments: [arn, sequence, limit]
            ).map { row in
                DynamoDBStreamChange(
                    sequence: row[0], changedAt: Date(timeIntervalSince1970: row[1]), oldBody: row[2], newBody: row[3],
                    expired: row[4])
            }
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func lastStreamSequence(arn: String) async throws -> Int64? {
        try await read { database in
            try Int64.fetchOne(database, sql: "SELECT MAX(sequence) FROM ddb_stream_changes WHERE stream_arn = ?",
                               arguments: [arn])
        }
    }

    /// The ``DynamoDBStore`` requirement of the same name.
    package func latestStreamSequence() async throws -> Int64 {
        try await read { database in try Self.latestStreamSequence(database) }
    }

    /// The greatest sequence number the changes table's counter gave (`sqlite_sequence` keeps it after deletions).
    static func latestStreamSequence(_ database: Database) throws -> Int64 {
        try Int64.fetchOne(database, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'ddb_stream_changes'") ?? 0
    }

    /// The ``DynamoDBStore`` requirement of the same name, in one transaction.
    package func trimStreams(before time: Date) async throws -> Int {
        try await prepare()
        let limit = time.timeIntervalSince1970
        return try await database.write { database in
            try database.execute(sql: """
                DELETE FROM ddb_stream_changes WHERE stream_arn IN (SELECT arn FROM ddb_streams WHERE closed_at < ?)
                """, arguments: [limit])
            var forgotten = database.changesCount
            try database.execute(sql: "DELETE FROM ddb_streams WHERE closed_at < ?", arguments: [limit])
            // Each stream remembers the newest change it forgets, so reads from before it can be told apart.
            try database.execute(sql: """
                UPDATE ddb_streams SET trimmed_through = MAX(trimmed_through, (
                    SELECT MAX(sequence) FROM ddb_stream_changes
                    WHERE stream_arn = ddb_streams.arn AND changed_at < ?))
                WHERE arn IN (SELECT stream_arn FROM ddb_stream_changes WHERE changed_at < ?)
                """, arguments: [limit, limit])
            try database.execute(sql: "DELETE FROM ddb_stream_changes WHERE changed_at < ?", arguments: [limit])
            forgotten += database.changesCount
            return forgotten
        }
    }
}
