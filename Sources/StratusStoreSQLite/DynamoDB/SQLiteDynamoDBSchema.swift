// SQLiteDynamoDBSchema: the tables of the DynamoDB store.

/// The DynamoDB database schema, as append-only migrations.
///
/// Guarantees (since `ddb-003`): `ddb_items` is keyed by (table, partition hash, partition key bytes, sort key
/// ordered bytes) without row ids: one B-tree per item, where a Scan is a range read in partition-hash order and
/// a Query or a key lookup gives the partition hash (computed from the key, ``DynamoDBStoredKey/partitionHash(_:)``)
/// with the key. Index entries (`ddb_index_entries`) hold the index key, the base key and the base item's
/// partition hash (`item_partition`, so they join their item through its primary key), are keyed for index
/// Queries, ordered for index Scans, and found by base key (`ddb_index_entries_by_item`) when their item changes;
/// they are written in the same transaction as their item. Table descriptions are JSON (`record`). Since
/// `ddb-002`, `expires_at` holds an item's TTL expiry (epoch seconds) when its table has TTL on, indexed for the
/// sweeper. Since `ddb-004`, on-demand backups are a JSON record (`ddb_backups`) and a copy of the items
/// (`ddb_backup_items`) that nothing but deleting the backup changes. Since `ddb-005`, tables with point-in-time
/// recovery on (`ddb_pitr_tables`) keep every change of their items (`ddb_pitr_history`), written in the same
/// transaction as the change. Since `ddb-006`, exports keep their description (JSON) in `ddb_exports`. Since
/// `ddb-007`, streams are kept in `ddb_streams` (JSON record; `closed_at` NULL while open) and their changes in
/// `ddb_stream_changes`, numbered by one `AUTOINCREMENT` counter (never reused, even after trimming). Since
/// `ddb-008`, imports from S3 keep their description (JSON) in `ddb_imports`. Since `ddb-009`, a stream's
/// `trimmed_through` is the greatest sequence number of its changes forgotten by trimming (0: none).
package enum SQLiteDynamoDBSchema {
    /// Every migration, in order.
    package static let migrations: [SchemaMigration] = [
        SchemaMigration(name: "ddb-001-tables-items-indexes", sql: """
            CREATE TABLE ddb_tables (
                id INTEGER PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                record BLOB NOT NULL,
                UNIQUE (account_id, region, name)
            );
            CREATE TABLE ddb_items (
                table_id INTEGER NOT NULL,
                hash_key BLOB NOT NULL,
                range_key BLOB NOT NULL,
                partition INTEGER NOT NULL,
                size INTEGER NOT NULL,
                body BLOB NOT NULL,
                PRIMARY KEY (table_id, hash_key, range_key)
            ) WITHOUT ROWID;
            CREATE INDEX ddb_items_scan ON ddb_items (table_id, partition, hash_key, range_key);
            CREATE TABLE ddb_index_entries (
                table_id INTEGER NOT NULL,
                index_name TEXT NOT NULL,
                index_hash BLOB NOT NULL,
                index_range BLOB NOT NULL,
                partition INTEGER NOT NULL,
                hash_key BLOB NOT NULL,
                range_key BLOB NOT NULL,
                PRIMARY KEY (table_id, index_name, index_hash, index_range, hash_key, range_key)
            ) WITHOUT ROWID;
            CREATE INDEX ddb_index_entries_scan
                ON ddb_index_entries (table_id, index_name, partition, index_hash, index_range, hash_key, range_key);
            CREATE INDEX ddb_index_entries_by_item ON ddb_index_entries (table_id, hash_key, range_key);
            CREATE TABLE ddb_client_tokens (
                scope TEXT NOT NULL,
                token TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (scope, token)
            );
            CREATE INDEX ddb_client_tokens_by_age ON ddb_client_tokens (created_at);
            """),
        // The TTL sweeper finds due items through this partial index instead of reading whole tables.
        SchemaMigration(name: "ddb-002-item-expiry", sql: """
            ALTER TABLE ddb_items ADD COLUMN expires_at INTEGER;
            CREATE INDEX ddb_items_expiry ON ddb_items (table_id, expires_at) WHERE expires_at IS NOT NULL;
            """),
        // One B-tree per item instead of two: the primary key starts with the partition hash, which replaces the
        // Scan index. Index entries learn their item's partition hash from the old table before it goes.
        SchemaMigration(name: "ddb-003-items-keyed-by-partition", sql: """
            ALTER TABLE ddb_index_entries ADD COLUMN item_partition INTEGER NOT NULL DEFAULT 0;
            UPDATE ddb_index_entries SET item_partition = COALESCE((
                SELECT i.partition FROM ddb_items i
                WHERE i.table_id = ddb_index_entries.table_id AND i.hash_key = ddb_index_entries.hash_key
                    AND i.range_key = ddb_index_entries.range_key), 0);
            CREATE TABLE ddb_items_by_partition (
                table_id INTEGER NOT NULL,
                partition INTEGER NOT NULL,
                hash_key BLOB NOT NULL,
                range_key BLOB NOT NULL,
                size INTEGER NOT NULL,
                body BLOB NOT NULL,
                expires_at INTEGER,
                PRIMARY KEY (table_id, partition, hash_key, range_key)
            ) WITHOUT ROWID;
            INSERT INTO ddb_items_by_partition (table_id, partition, hash_key, range_key, size, body, expires_at)
                SELECT table_id, partition, hash_key, range_key, size, body, expires_at FROM ddb_items;
            DROP TABLE ddb_items;
            ALTER TABLE ddb_items_by_partition RENAME TO ddb_items;
            CREATE INDEX ddb_items_expiry ON ddb_items (table_id, expires_at) WHERE expires_at IS NOT NULL;
            """),
        // On-demand backups: the record (JSON) and a copy of the items, independent of the source table.
        SchemaMigration(name: "ddb-004-backups", sql: """
            CREATE TABLE ddb_backups (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                created_at REAL NOT NULL,
                record BLOB NOT NULL
            );
            CREATE INDEX ddb_backups_by_account ON ddb_backups (account_id, region, created_at, arn);
            CREATE TABLE ddb_backup_items (
                backup_arn TEXT NOT NULL,
                hash_key BLOB NOT NULL,
                range_key BLOB NOT NULL,
                size INTEGER NOT NULL,
                body BLOB NOT NULL,
                PRIMARY KEY (backup_arn, hash_key, range_key)
            ) WITHOUT ROWID;
            """),
        // Point-in-time recovery: the tables that keep a history, and the history (every change of an item, in
        // order; a deletion has no body). Enabling starts a history with the table's items at that moment.
        SchemaMigration(name: "ddb-005-point-in-time-recovery", sql: """
            CREATE TABLE ddb_pitr_tables (
                table_id INTEGER PRIMARY KEY,
                enabled_at REAL NOT NULL,
                recovery_days INTEGER NOT NULL
            );
            CREATE TABLE ddb_pitr_history (
                id INTEGER PRIMARY KEY,
                table_id INTEGER NOT NULL,
                changed_at REAL NOT NULL,
                hash_key BLOB NOT NULL,
                range_key BLOB NOT NULL,
                size INTEGER,
                body BLOB
            );
            CREATE INDEX ddb_pitr_history_by_key ON ddb_pitr_history (table_id, hash_key, range_key, id);
            """),
        // Table exports to S3: their descriptions (the files are in S3).
        SchemaMigration(name: "ddb-006-exports", sql: """
            CREATE TABLE ddb_exports (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                started_at REAL NOT NULL,
                record BLOB NOT NULL
            );
            CREATE INDEX ddb_exports_by_account ON ddb_exports (account_id, region, started_at, arn);
            """),
        // Streams: one row per stream (open while closed_at is NULL) and every change of an item of a table with
        // an open stream, in order (the item before and after; NULL where absent).
        SchemaMigration(name: "ddb-007-streams", sql: """
            CREATE TABLE ddb_streams (
                arn TEXT PRIMARY KEY,
                table_id INTEGER NOT NULL,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                created_at REAL NOT NULL,
                closed_at REAL,
                record BLOB NOT NULL
            );
            CREATE INDEX ddb_streams_open ON ddb_streams (table_id) WHERE closed_at IS NULL;
            CREATE INDEX ddb_streams_by_account ON ddb_streams (account_id, region, created_at, arn);
            CREATE TABLE ddb_stream_changes (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                stream_arn TEXT NOT NULL,
                changed_at REAL NOT NULL,
                old_body BLOB,
                new_body BLOB,
                expired INTEGER NOT NULL
            );
            CREATE INDEX ddb_stream_changes_by_stream ON ddb_stream_changes (stream_arn, sequence);
            CREATE INDEX ddb_stream_changes_by_time ON ddb_stream_changes (changed_at);
            """),
        // Table imports from S3: their descriptions (the items are in the table they created).
        SchemaMigration(name: "ddb-008-imports", sql: """
            CREATE TABLE ddb_imports (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                started_at REAL NOT NULL,
                record BLOB NOT NULL
            );
            CREATE INDEX ddb_imports_by_account ON ddb_imports (account_id, region, started_at, arn);
            """),
        // Streams remember how far trimming went, so reads before it fail as DynamoDB Streams' do.
        SchemaMigration(name: "ddb-009-stream-trim-horizon", sql: """
            ALTER TABLE ddb_streams ADD COLUMN trimmed_through INTEGER NOT NULL DEFAULT 0;
            """),
    ]
}
