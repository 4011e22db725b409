// SQLiteSNSSchema: the tables of the SNS store.

/// The SNS database schema, as append-only migrations.
///
/// Guarantees: topics and subscriptions are JSON documents of their record types beside the columns that index
/// them; deduplication ids of FIFO topics are kept with the time they were first seen; deliveries to HTTP(S) endpoints
/// and mailboxes wait in `sns_deliveries` (their payload a JSON document) until made; SMS messages sent are kept in
/// `sns_sms_messages`, account SMS settings in `sns_sms_attributes`; mobile push applications and endpoints in
/// `sns_platform_applications` and `sns_platform_endpoints` (a token once per application), the notifications sent
/// to them in `sns_push_messages`; the SMS sandbox's numbers in `sns_sms_sandbox_numbers`.
package enum SQLiteSNSSchema {
    /// Every migration, in order.
    package static let migrations: [SchemaMigration] = [
        SchemaMigration(name: "sns-001-topics-subscriptions", sql: """
            CREATE TABLE sns_topics (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE TABLE sns_subscriptions (
                arn TEXT PRIMARY KEY,
                topic_arn TEXT NOT NULL,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX sns_subscriptions_topic ON sns_subscriptions (topic_arn, arn);
            CREATE TABLE sns_deduplication (
                topic_arn TEXT NOT NULL,
                deduplication_id TEXT NOT NULL,
                message_id TEXT NOT NULL,
                sequence_number TEXT NOT NULL,
                seen_at INTEGER NOT NULL,
                PRIMARY KEY (topic_arn, deduplication_id)
            );
            """),
        SchemaMigration(name: "sns-002-deliveries", sql: """
            CREATE TABLE sns_deliveries (
                id TEXT PRIMARY KEY,
                due_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                claimed INTEGER NOT NULL DEFAULT 0,
                payload TEXT NOT NULL
            );
            CREATE INDEX sns_deliveries_due ON sns_deliveries (due_at);
            """),
        SchemaMigration(name: "sns-003-sms", sql: """
            CREATE TABLE sns_sms_messages (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                phone_number TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX sns_sms_messages_phone ON sns_sms_messages (phone_number, seq);
            CREATE TABLE sns_sms_attributes (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (account_id, region, name)
            );
            """),
        SchemaMigration(name: "sns-004-dead-letter-queues", sql: """
            ALTER TABLE sns_deliveries ADD COLUMN dead_letter_queue TEXT;
            """),
        // Mobile push: platform applications, their endpoints (one per device token and application), and the
        // notifications "sent" to them.
        SchemaMigration(name: "sns-005-mobile-push", sql: """
            CREATE TABLE sns_platform_applications (
                arn TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE TABLE sns_platform_endpoints (
                arn TEXT PRIMARY KEY,
                application_arn TEXT NOT NULL,
                token TEXT NOT NULL,
                record TEXT NOT NULL,
                UNIQUE (application_arn, token)
            );
            CREATE TABLE sns_push_messages (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                endpoint_arn TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX sns_push_messages_endpoint ON sns_push_messages (endpoint_arn, seq);
            """),
        // The SMS sandbox's destination numbers.
        SchemaMigration(name: "sns-006-sms-sandbox", sql: """
            CREATE TABLE sns_sms_sandbox_numbers (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                phone_number TEXT NOT NULL,
                record TEXT NOT NULL,
                PRIMARY KEY (account_id, region, phone_number)
            );
            """),
    ]
}
