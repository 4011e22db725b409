// SQLiteStepFunctionsStore+Executions: Standard executions and their journals.
import GRDB
import StratusStepFunctions

extension SQLiteStepFunctionsStore {
    /// Stores a new execution and its journal in one transaction.
    package func insertExecution(_ execution: StoredExecution) async throws {
        try await write { database in
            let record = execution.record
            try database.execute(
                sql: """
                    INSERT INTO sfn_executions (arn, state_machine_arn, name, input, started_at, status, stopped_at,
                        output, error, cause, definition, role_arn, state_machine_name, random_seed,
                        state_machine_version_arn, state_machine_alias_arn)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.arn, record.stateMachineArn, record.name, record.input, record.startedAt, record.status,
                    record.stoppedAt, record.output, record.error, record.cause, execution.definition,
                    execution.roleArn, execution.stateMachineName, Int64(bitPattern: execution.randomSeed),
                    record.stateMachineVersionArn, record.stateMachineAliasArn,
                ])
            for entry in execution.journal { try Self.insert(entry, arn: record.arn, database: database) }
        }
    }

    /// Appends journal entries and replaces the execution's record in one transaction.
    package func appendJournal(executionArn: String, entries: [JournalEntry], record: ExecutionRecord) async throws {
        try await write { database in
            for entry in entries { try Self.insert(entry, arn: executionArn, database: database) }
            try database.execute(
                sql: "UPDATE sfn_executions SET status = ?, stopped_at = ?, output = ?, error = ?, cause = ? WHERE arn = ?",
                arguments: [record.status, record.stoppedAt, record.output, record.error, record.cause, executionArn])
        }
    }

    static func insert(_ entry: JournalEntry, arn: String, database: Database) throws {
        try database.execute(
            sql: "INSERT INTO sfn_journal (execution_arn, sequence, event, at) VALUES (?, ?, ?, ?)",
            arguments: [arn, entry.sequence, entry.event, entry.at])
    }

    /// Every stored execution with its journal, oldest first.
    package func storedExecutions() async throws -> [StoredExecution] {
        try await read { database in
            var journals: [String: [JournalEntry]] = [:]
            for row in try Row.fetchAll(
                database, sql: "SELECT execution_arn, sequence, event, at FROM sfn_journal ORDER BY execution_arn, sequence")
            {
                journals[row[0], default: []].append(JournalEntry(sequence: row[1], event: row[2], at: row[3]))
            }
            return try Row.fetchAll(
                database,
                sql: """
                    SELECT arn, state_machine_arn, name, input, started_at, status, stopped_at, output, error, cause,
                        definition, role_arn, state_machine_name, random_seed, state_machine_version_arn,
                        state_machine_alias_arn
                    FROM sfn_executions ORDER BY started_at, rowid
                    """
            ).map { row in
                var record = ExecutionRecord(
                    arn: row[0], stateMachineArn: row[1], name: row[2], input: row[3], startedAt: row[4])
                record.status = row[5]
                record.stoppedAt = row[6]
                record.output = row[7]
                record.error = row[8]
                record.cause = row[9]
                record.stateMachineVersionArn = row[14]
                record.stateMachineAliasArn = row[15]
                let seed: Int64 = row[13]
                return StoredExecution(
                    record: record, definition: row[10], roleArn: row[11], stateMachineName: row[12],
                    randomSeed: UInt64(bitPattern: seed), journal: journals[record.arn] ?? [])
            }
        }
    }
}
