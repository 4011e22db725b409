// SQLiteStepFunctionsStore+Activities: activities and the tokens of activity tasks handed to workers.
import Foundation
import GRDB
import StratusStepFunctions

extension SQLiteStepFunctionsStore {
    static func encodeActivity(_ record: ActivityRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    static func decodeActivity(_ text: String) throws -> ActivityRecord {
        try JSONDecoder().decode(ActivityRecord.self, from: Data(text.utf8))
    }

    /// Inserts the activity unless its ARN exists (one statement); then returns the stored one.
    package func insertActivity(_ record: ActivityRecord) async throws -> ActivityInsertOutcome {
        let document = try Self.encodeActivity(record)
        return try await write { database in
            try database.execute(
                sql: """
                    INSERT INTO sfn_activities (arn, account_id, region, name, record) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (arn) DO NOTHING
                    """,
                arguments: [record.arn, record.accountID, record.region, record.name, document])
            if database.changesCount > 0 { return .inserted }
            guard let text = try String.fetchOne(
                database, sql: "SELECT record FROM sfn_activities WHERE arn = ?", arguments: [record.arn])
            else { throw SQLiteStepFunctionsStoreError.missingConflictingRow(arn: record.arn) }
            return .existing(try Self.decodeActivity(text))
        }
    }

    /// The activity with this ARN, if any.
    package func activity(arn: String) async throws -> ActivityRecord? {
        let text = try await read { database in
            try String.fetchOne(database, sql: "SELECT record FROM sfn_activities WHERE arn = ?", arguments: [arn])
        }
        return try text.map(Self.decodeActivity)
    }

    /// Replaces the activity with the same ARN; `false` if there is none.
    package func replaceActivity(_ record: ActivityRecord) async throws -> Bool {
        let document = try Self.encodeActivity(record)
        return try await write { database in
            try database.execute(
                sql: "UPDATE sfn_activities SET record = ? WHERE arn = ?", arguments: [document, record.arn])
            return database.changesCount > 0
        }
    }

    /// Deletes by ARN; `false` if there was nothing to delete.
    package func deleteActivity(arn: String) async throws -> Bool {
        try await write { database in
            try database.execute(sql: "DELETE FROM sfn_activities WHERE arn = ?", arguments: [arn])
            return database.changesCount > 0
        }
    }

    /// Up to `limit` activities of an account and region after `afterName`, by name.
    package func activities(
        accountID: String, region: String, afterName: String?, limit: Int
    ) async throws -> [ActivityRecord] {
        let texts = try await read { database in
            try String.fetchAll(
                database,
                sql: """
                    SELECT record FROM sfn_activities
                    WHERE account_id = ? AND region = ? AND name > ?
                    ORDER BY name LIMIT ?
                    """,
                arguments: [accountID, region, afterName ?? "", limit])
        }
        return try texts.map(Self.decodeActivity)
    }

    /// Every activity ARN.
    package func activityArns() async throws -> [String] {
        try await read { database in try String.fetchAll(database, sql: "SELECT arn FROM sfn_activities ORDER BY arn") }
    }

    /// Stores the token of a handed-out activity task (a repeated token is an error: tokens are fresh UUIDs).
    package func insertStartedActivityTask(_ task: StartedActivityTask) async throws {
        try await write { database in
            try database.execute(
                sql: "INSERT INTO sfn_activity_tasks (token, execution_arn, task_id, activity_arn) VALUES (?, ?, ?, ?)",
                arguments: [task.token, task.executionArn, task.taskID, task.activityArn])
        }
    }

    /// Every stored activity task token, in hand-out order.
    package func startedActivityTasks() async throws -> [StartedActivityTask] {
        try await read { database in
            try Row.fetchAll(
                database, sql: "SELECT token, execution_arn, task_id, activity_arn FROM sfn_activity_tasks ORDER BY rowid"
            ).map { row in
                StartedActivityTask(token: row[0], executionArn: row[1], taskID: row[2], activityArn: row[3])
            }
        }
    }
}
