// SQLiteStepFunctionsSchema: the tables of the Step Functions store.

/// The Step Functions database schema, as append-only migrations.
///
/// Guarantees: one row per state machine, unique by ARN and by (account, region, name); the record itself is a
/// JSON document (`StateMachineRecord`'s `Codable` form), so new optional fields need no migration. Since
/// `sfn-002`: one row per Standard execution (its record and what rebuilds its engine) and its journal of handled
/// events, keyed by (execution, sequence). Since `sfn-003`/`sfn-004`: the version ARN an execution runs and the alias it was started through, if any. Since `sfn-005`: one row per
/// activity (its `ActivityRecord` as JSON) and the token of every activity task handed to a worker.
package enum SQLiteStepFunctionsSchema {
    /// Every migration, in order.
    package static let migrations: [SchemaMigration] = [
        SchemaMigration(name: "sfn-001-state-machines", sql: """
            CREATE TABLE sfn_state_machines (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                record TEXT NOT NULL,
                UNIQUE (account_id, region, name)
            );
            """),
        SchemaMigration(name: "sfn-002-executions-journal", sql: """
            CREATE TABLE sfn_executions (
                arn TEXT PRIMARY KEY,
                state_machine_arn TEXT NOT NULL,
                name TEXT NOT NULL,
                input TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                status TEXT NOT NULL,
                stopped_at INTEGER,
                output TEXT,
                error TEXT,
                cause TEXT,
                definition TEXT NOT NULL,
                role_arn TEXT NOT NULL,
                state_machine_name TEXT NOT NULL,
                random_seed INTEGER NOT NULL
            );
            CREATE TABLE sfn_journal (
                execution_arn TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                event TEXT NOT NULL,
                at INTEGER NOT NULL,
                PRIMARY KEY (execution_arn, sequence)
            ) WITHOUT ROWID;
            """),
        SchemaMigration(name: "sfn-003-execution-version", sql: """
            ALTER TABLE sfn_executions ADD COLUMN state_machine_version_arn TEXT;
            """),
        SchemaMigration(name: "sfn-004-execution-alias", sql: """
            ALTER TABLE sfn_executions ADD COLUMN state_machine_alias_arn TEXT;
            """),
        SchemaMigration(name: "sfn-005-activities", sql: """
            CREATE TABLE sfn_activities (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                record TEXT NOT NULL,
                UNIQUE (account_id, region, name)
            );
            CREATE TABLE sfn_activity_tasks (
                token TEXT PRIMARY KEY,
                execution_arn TEXT NOT NULL,
                task_id INTEGER NOT NULL,
                activity_arn TEXT NOT NULL
            );
            """),
    ]
}
