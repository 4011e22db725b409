// SQLiteSQSSchema: the tables of the SQS store.

/// The SQS database schema, as append-only migrations.
///
/// Guarantees: times are integer milliseconds; `sqs_messages.id` only orders arrival inside a queue (a
/// PostgreSQL adapter uses a `bigserial`); the index `(queue_id, visible_at, id)` serves claims, counts of
/// visible messages and the next visibility deadline without scanning a queue. `sqs_receive_attempts` remembers,
/// per queue and FIFO receive request attempt id, which messages (and receipt tokens) a receive returned; its rows
/// go with their queue, and rows older than the five-minute window are pruned when the queue records a new attempt.
/// Since `sqs-003` no index covers message ids: receipt tokens carry the message's row id
/// (``SQLiteSQSReceiptToken``), so a send maintains only the primary key and the claim index, and deletes and
/// visibility changes go by primary key.
package enum SQLiteSQSSchema {
    /// Every migration, in order.
    package static let migrations: [SchemaMigration] = [
        SchemaMigration(name: "sqs-001-queues-messages", sql: """
            CREATE TABLE sqs_queues (
                id INTEGER PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                attributes TEXT NOT NULL,
                tags TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_modified_at INTEGER NOT NULL,
                last_purged_at INTEGER,
                next_sequence INTEGER NOT NULL DEFAULT 0,
                UNIQUE (account_id, region, name)
            );
            CREATE TABLE sqs_deleted_queues (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                deleted_at INTEGER NOT NULL,
                PRIMARY KEY (account_id, region, name)
            );
            CREATE TABLE sqs_messages (
                id INTEGER PRIMARY KEY,
                queue_id INTEGER NOT NULL REFERENCES sqs_queues(id) ON DELETE CASCADE,
                message_id TEXT NOT NULL,
                body TEXT NOT NULL,
                message_attributes BLOB,
                system_attributes BLOB,
                md5_of_body TEXT NOT NULL,
                md5_of_message_attributes TEXT,
                md5_of_system_attributes TEXT,
                sender_id TEXT NOT NULL,
                sent_at INTEGER NOT NULL,
                visible_at INTEGER NOT NULL,
                receive_count INTEGER NOT NULL DEFAULT 0,
                first_received_at INTEGER,
                receipt_token TEXT,
                group_id TEXT,
                deduplication_id TEXT,
                sequence_number INTEGER,
                dead_letter_source_arn TEXT
            );
            CREATE INDEX sqs_messages_due ON sqs_messages (queue_id, visible_at, id);
            CREATE INDEX sqs_messages_by_message_id ON sqs_messages (queue_id, message_id);
            CREATE TABLE sqs_deduplication (
                queue_id INTEGER NOT NULL REFERENCES sqs_queues(id) ON DELETE CASCADE,
                deduplication_key TEXT NOT NULL,
                message_id TEXT NOT NULL,
                sequence_number INTEGER,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (queue_id, deduplication_key)
            );
            CREATE TABLE sqs_move_tasks (
                task_id TEXT PRIMARY KEY,
                source_arn TEXT NOT NULL,
                destination_arn TEXT,
                max_per_second INTEGER,
                status TEXT NOT NULL,
                moved_count INTEGER NOT NULL,
                to_move_count INTEGER NOT NULL,
                failure_reason TEXT,
                started_at INTEGER NOT NULL
            );
            CREATE INDEX sqs_move_tasks_by_source ON sqs_move_tasks (source_arn, started_at);
            """),
        SchemaMigration(name: "sqs-002-receive-attempts", sql: """
            CREATE TABLE sqs_receive_attempts (
                queue_id INTEGER NOT NULL REFERENCES sqs_queues(id) ON DELETE CASCADE,
                attempt_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                retryable INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (queue_id, attempt_id)
            );
            CREATE INDEX sqs_receive_attempts_by_age ON sqs_receive_attempts (queue_id, created_at);
            CREATE TABLE sqs_receive_attempt_messages (
                queue_id INTEGER NOT NULL,
                attempt_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                message_id TEXT NOT NULL,
                receipt_token TEXT NOT NULL,
                PRIMARY KEY (queue_id, attempt_id, position),
                FOREIGN KEY (queue_id, attempt_id) REFERENCES sqs_receive_attempts (queue_id, attempt_id) ON DELETE CASCADE
            );
            CREATE INDEX sqs_receive_attempt_messages_by_message ON sqs_receive_attempt_messages (queue_id, message_id);
            """),
        // Message ids are random, so this index took one random page write per send (most of a send's commit
        // cost). Receipt tokens now locate their message by row id; tokens issued before (no row id) are still
        // honoured by a scan of their queue's messages.
        SchemaMigration(name: "sqs-003-messages-located-by-receipt-token", sql: """
            DROP INDEX sqs_messages_by_message_id;
            """),
    ]
}
