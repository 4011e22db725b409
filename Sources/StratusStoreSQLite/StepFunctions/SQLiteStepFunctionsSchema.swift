// SQLiteStepFunctionsSchema: the tables of the Step Functions store.

/// The Step Functions database schema, as append-only migrations.
///
/// Guarantees: one row per state machine, unique by ARN and by (account, region, name); the record itself is a
/// JSON document (`StateMachineRecord`'s `Codable` form), so new optional fields need no migration.
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
    ]
}
