// SQLiteEventBridgeSchema: the tables of the EventBridge store.

/// The EventBridge database schema, as append-only migrations.
///
/// Guarantees: buses and rules are JSON documents of their record types beside the columns that index them.
package enum SQLiteEventBridgeSchema {
    /// Every migration, in order.
    package static let migrations: [SchemaMigration] = [
        SchemaMigration(name: "events-001-buses-rules", sql: """
            CREATE TABLE events_buses (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE TABLE events_rules (
                arn TEXT PRIMARY KEY,
                bus_arn TEXT NOT NULL,
                name TEXT NOT NULL,
                scheduled INTEGER NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX events_rules_bus ON events_rules (bus_arn, name);
            """),
    ]
}
