// SQLiteEventBridgeSchema: the tables of the EventBridge store.

/// The EventBridge database schema, as append-only migrations.
///
/// Guarantees: buses, rules, archives, replays, connections and API destinations are JSON documents of their record types beside the columns that
/// index them; archived events are JSON text with their time, in arrival order.
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
        // Archives (their events beside them, by time) and replays.
        SchemaMigration(name: "events-002-archives-replays", sql: """
            CREATE TABLE events_archives (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                bus_arn TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX events_archives_bus ON events_archives (bus_arn);
            CREATE TABLE events_archived_events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                archive_arn TEXT NOT NULL,
                event_time INTEGER NOT NULL,
                event TEXT NOT NULL
            );
            CREATE INDEX events_archived_events_time ON events_archived_events (archive_arn, event_time, seq);
            CREATE TABLE events_replays (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                record TEXT NOT NULL
            );
            """),
        // Connections (with their secrets) and API destinations, unique by name in an account and region.
        SchemaMigration(name: "events-003-connections-api-destinations", sql: """
            CREATE TABLE events_connections (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                record TEXT NOT NULL,
                UNIQUE (account_id, region, name)
            );
            CREATE TABLE events_api_destinations (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                record TEXT NOT NULL,
                UNIQUE (account_id, region, name)
            );
            """),
        // API destination calls still to make (queued by PutEvents, made and retried by the call worker).
        SchemaMigration(name: "events-004-pending-calls", sql: """
            CREATE TABLE events_pending_calls (
                id INTEGER PRIMARY KEY,
                due_at INTEGER NOT NULL,
                claimed INTEGER NOT NULL DEFAULT 0,
                record TEXT NOT NULL
            );
            CREATE INDEX events_pending_calls_due ON events_pending_calls (claimed, due_at);
            """),
    ]
}
