// SQLiteLambdaSchema: the tables of the Lambda store.

/// The Lambda database schema, as append-only migrations.
///
/// Guarantees: aggregates (functions, layer versions, mappings, queued invocations) are stored as JSON documents
/// of their record types beside the columns that index them; `lambda_layer_counters` keeps the last version
/// number of each layer so deleted numbers are never reused; `lambda_async_invocations (due_at)` serves claims
/// without scanning the queue.
package enum SQLiteLambdaSchema {
    /// Every migration, in order.
    package static let migrations: [SchemaMigration] = [
        SchemaMigration(name: "lambda-001-functions-layers-mappings-queue", sql: """
            CREATE TABLE lambda_functions (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                record TEXT NOT NULL,
                PRIMARY KEY (account_id, region, name)
            );
            CREATE TABLE lambda_layer_versions (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                layer_name TEXT NOT NULL,
                version INTEGER NOT NULL,
                record TEXT NOT NULL,
                PRIMARY KEY (account_id, region, layer_name, version)
            );
            CREATE TABLE lambda_layer_counters (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                layer_name TEXT NOT NULL,
                last_version INTEGER NOT NULL,
                PRIMARY KEY (account_id, region, layer_name)
            );
            CREATE TABLE lambda_event_source_mappings (
                id INTEGER PRIMARY KEY,
                uuid TEXT NOT NULL UNIQUE,
                record TEXT NOT NULL
            );
            CREATE TABLE lambda_async_invocations (
                id TEXT PRIMARY KEY,
                due_at INTEGER NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX lambda_async_invocations_due ON lambda_async_invocations (due_at);
            """),
    ]
}
