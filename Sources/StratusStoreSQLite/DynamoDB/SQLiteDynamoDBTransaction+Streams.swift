// SQLiteDynamoDBTransaction+Streams: opening and closing tables' streams, and recording item changes in them.
import Foundation
import GRDB
import StratusDynamoDB

extension SQLiteDynamoDBTransaction {
    /// The ARN of the table's open stream, or nil.
    func openStreamARN(tableID: Int64) throws -> String? {
        try String.fetchOne(
            database.cachedStatement(sql: "SELECT arn FROM ddb_streams WHERE table_id = ? AND closed_at IS NULL"),
            arguments: [tableID])
    }

    /// Appends one change to `stream` (the next sequence number of the store's counter).
    func recordStreamChange(stream: String, old: Data?, new: Data?, at time: Date, expired: Bool) throws {
        try database.cachedStatement(sql: """
            INSERT INTO ddb_stream_changes (stream_arn, changed_at, old_body, new_body, expired) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [stream, time.timeIntervalSince1970, old, new, expired])
    }

    func openStream(_ stream: DynamoDBStreamRecord) throws -> DynamoDBStreamRecord {
        try closeStream(tableID: stream.tableID, at: stream.createdAt)
        var opened = stream
        opened.closedAt = nil
        opened.firstSequence = try SQLiteDynamoDBStore.latestStreamSequence(database) + 1
        try database.execute(sql: """
            INSERT INTO ddb_streams (arn, table_id, account_id, region, created_at, closed_at, record)
            VALUES (?, ?, ?, ?, ?, NULL, ?)
            """, arguments: [opened.arn, opened.tableID, opened.accountID, opened.region,
                             opened.createdAt.timeIntervalSince1970, try JSONEncoder().encode(opened)])
        // Before this transaction commits, so every later write sees the stream.
        streamSwitch.turnOn()
        enableStreamRecording()
        return opened
    }

    func closeStream(tableID: Int64, at time: Date) throws {
        let rows = try Row.fetchAll(
            database, sql: "SELECT arn, record FROM ddb_streams WHERE table_id = ? AND closed_at IS NULL",
            arguments: [tableID])
        for row in rows {
            var record = try JSONDecoder().decode(DynamoDBStreamRecord.self, from: row["record"] as Data)
            record.closedAt = time
            try database.execute(
                sql: "UPDATE ddb_streams SET closed_at = ?, record = ? WHERE arn = ?",
                arguments: [time.timeIntervalSince1970, try JSONEncoder().encode(record), row["arn"] as String])
        }
    }
}
