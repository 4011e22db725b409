// SQLiteS3Schema: the tables of the S3 store.

/// The S3 database schema, as append-only migrations.
///
/// Guarantees: records are JSON documents of their record types beside the columns that index them; object keys
/// are `TEXT` compared with SQLite's `BINARY` collation (`memcmp` of UTF-8), which is S3's listing order; the
/// bytes live in ``S3BlobDirectory`` files named by `blob_id`, never in the database.
package enum SQLiteS3Schema {
    /// Every migration, in order.
    package static let migrations: [SchemaMigration] = [
        SchemaMigration(name: "s3-001-buckets-objects-uploads", sql: """
            CREATE TABLE s3_buckets (
                name TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE TABLE s3_objects (
                bucket TEXT NOT NULL,
                key TEXT NOT NULL,
                blob_id TEXT NOT NULL,
                record TEXT NOT NULL,
                PRIMARY KEY (bucket, key)
            ) WITHOUT ROWID;
            CREATE TABLE s3_uploads (
                id TEXT PRIMARY KEY,
                bucket TEXT NOT NULL,
                key TEXT NOT NULL,
                initiated_at INTEGER NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX s3_uploads_bucket ON s3_uploads (bucket, key, initiated_at);
            CREATE TABLE s3_parts (
                upload_id TEXT NOT NULL,
                part_number INTEGER NOT NULL,
                blob_id TEXT NOT NULL,
                record TEXT NOT NULL,
                PRIMARY KEY (upload_id, part_number)
            );
            """),
        SchemaMigration(name: "s3-002-pending-events", sql: """
            CREATE TABLE s3_pending_events (
                id TEXT PRIMARY KEY,
                due_at INTEGER NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX s3_pending_events_due ON s3_pending_events (due_at);
            """),
        // Noncurrent versions and delete markers (the current object of a key stays in s3_objects); `seq` orders
        // a key's versions (higher is newer), `version_id` is `null` for the null version, `blob_id` empty for a
        // delete marker.
        SchemaMigration(name: "s3-003-versions", sql: """
            CREATE TABLE s3_versions (
                bucket TEXT NOT NULL,
                key TEXT NOT NULL,
                seq INTEGER NOT NULL,
                version_id TEXT NOT NULL,
                blob_id TEXT NOT NULL,
                record TEXT NOT NULL,
                PRIMARY KEY (bucket, key, seq)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX s3_versions_id ON s3_versions (bucket, key, version_id);
            """),
    ]
}
