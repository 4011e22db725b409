// SQLiteStepFunctionsStore+Activities: activities and the tokens of activity tasks handed to workers.
import Foundation
import GRDB
import StratusStepFunctions

extension SQLiteStepFunctionsStore {
    /// The activities' table.
    static let activities = SQLiteRecordTable(name: "sfn_activities")

    /// Inserts the activity unless its ARN exists (one statement); then returns the stored one.
    package func insertActivity(_ record: ActivityRecord) async throws -> ActivityInsertOutcome {
        let document = try SQLiteRecordTable.encode(record)
        return try await write { database in
            guard let existing = try Self.activities.insertUnlessExists(
                database, arn: record.arn, accountID: record.accountID, region: record.region, name: record.name,
                document: document)
            else { return .inserted }
            return .existing(try SQLiteRecordTable.decode(existing, as: ActivityRecord.self))
        }
    }

    /// The activity with this ARN, if any.
    package func activity(arn: String) async throws -> ActivityRecord? {
        let text = try await read { database in try Self.activities.record(database, arn: arn) }
        return try text.map { try SQLiteRecordTable.decode($0, as: ActivityRecord.self) }
    }

    /// Replaces the activity with the same ARN; `false` if there is none.
    package func replaceActivity(_ record: ActivityRecord) async throws -> Bool {
        let document = try SQLiteRecordTable.encode(record)
        return try await write { database in try Self.activities.replace(database, arn: record.arn, document: document) }
    }

    /// Deletes by ARN; `false` if there was nothing to delete.
    package func deleteActivity(arn: String) async throws -> Bool {
        try await write { database in try Self.activities.delete(database, arn: arn) }
    }

    /// Up to `limit` activities of an account and region after `afterName`, by name.
    package func activities(
        accountID: String, region: String, afterName: String?, limit: Int
    ) async throws -> [ActivityRecord] {
        let texts = try await read { database in
            try Self.activities.page(database, accountID: accountID, region: region, afterName: afterName, limit: limit)
        }
        return try texts.map { try SQLiteRecordTable.decode($0, as: ActivityRecord.self) }
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
