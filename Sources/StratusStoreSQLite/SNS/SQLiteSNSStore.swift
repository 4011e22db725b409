// SQLiteSNSStore: the SNS storage port on one SQLite database.
import Foundation
import GRDB
import StratusSNS
import Synchronization

/// ``SNSStore`` on a ``SQLiteDatabase`` (normally `SQLiteStoreFactory.database(for: "sns")`).
///
/// Guarantees: every write goes through the database's group commit, one savepoint per call, so a returned call
/// is durable and a failed one changed nothing; the schema is migrated on first use.
package final class SQLiteSNSStore: PreparedSQLiteStore, SNSStore {
    let database: SQLiteDatabase
    private let migration = MigrationOnce(SQLiteSNSSchema.migrations)

    /// A store on `database`.
    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Applies the schema migrations (done automatically on first use; call it to fail early).
    package func prepare() async throws {
        try await migration.run(on: database)
    }

    package func createTopic(_ topic: SNSTopicRecord) async throws -> SNSTopicRecord? {
        let text = try StoredJSON.encode(topic)
        return try await write { db -> SNSTopicRecord? in
            if let existing = try String.fetchOne(db, sql: "SELECT record FROM sns_topics WHERE arn = ?", arguments: [topic.arn]) {
                return try StoredJSON.decode(SNSTopicRecord.self, existing)
            }
            try db.execute(sql: "INSERT INTO sns_topics (arn, account_id, region, record) VALUES (?, ?, ?, ?)",
                           arguments: [topic.arn, topic.accountID, topic.region, text])
            return nil
        }
    }

    package func topic(arn: String) async throws -> SNSTopicRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM sns_topics WHERE arn = ?", arguments: [arn])
                .map { try StoredJSON.decode(SNSTopicRecord.self, $0) }
        }
    }

    package func topics(accountID: String, region: String, afterARN: String?, limit: Int) async throws -> [SNSTopicRecord] {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT record FROM sns_topics WHERE account_id = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?
                """, arguments: [accountID, region, afterARN ?? "", limit])
                .map { try StoredJSON.decode(SNSTopicRecord.self, $0) }
        }
    }

    package func updateTopic(arn: String, _ change: @escaping @Sendable (inout SNSTopicRecord) throws -> Void) async throws
        -> SNSTopicRecord?
    {
        try await update(SNSTopicRecord.self, table: "sns_topics", arn: arn, change)
    }

    package func deleteTopic(arn: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM sns_subscriptions WHERE topic_arn = ?", arguments: [arn])
            try db.execute(sql: "DELETE FROM sns_deduplication WHERE topic_arn = ?", arguments: [arn])
            try db.execute(sql: "DELETE FROM sns_topics WHERE arn = ?", arguments: [arn])
            return db.changesCount > 0
        }
    }

    package func createSubscription(_ subscription: SNSSubscriptionRecord) async throws {
        let text = try StoredJSON.encode(subscription)
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sns_topics WHERE arn = ?", arguments: [subscription.topicARN]) == true
            else { throw SNSStoreMissing() }
            try db.execute(sql: """
                INSERT INTO sns_subscriptions (arn, topic_arn, account_id, region, record) VALUES (?, ?, ?, ?, ?)
                """, arguments: [subscription.arn, subscription.topicARN, subscription.accountID, subscription.region, text])
        }
    }

    package func subscription(arn: String) async throws -> SNSSubscriptionRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM sns_subscriptions WHERE arn = ?", arguments: [arn])
                .map { try StoredJSON.decode(SNSSubscriptionRecord.self, $0) }
        }
    }

    package func subscriptions(topicARN: String?, accountID: String, region: String, afterARN: String?, limit: Int)
        async throws -> [SNSSubscriptionRecord]
    {
        try await read { db in
            let rows: [String]
            if let topicARN {
                rows = try String.fetchAll(db, sql: """
                    SELECT record FROM sns_subscriptions WHERE topic_arn = ? AND arn > ? ORDER BY arn LIMIT ?
                    """, arguments: [topicARN, afterARN ?? "", limit])
            } else {
                rows = try String.fetchAll(db, sql: """
                    SELECT record FROM sns_subscriptions WHERE account_id = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?
                    """, arguments: [accountID, region, afterARN ?? "", limit])
            }
            return try rows.map { try StoredJSON.decode(SNSSubscriptionRecord.self, $0) }
        }
    }

    package func updateSubscription(arn: String, _ change: @escaping @Sendable (inout SNSSubscriptionRecord) throws -> Void)
        async throws -> SNSSubscriptionRecord?
    {
        try await update(SNSSubscriptionRecord.self, table: "sns_subscriptions", arn: arn, change)
    }

    package func deleteSubscription(arn: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM sns_subscriptions WHERE arn = ?", arguments: [arn])
            return db.changesCount > 0
        }
    }

    package func deduplicate(topicARN: String, deduplicationID: String, messageID: String, sequenceNumber: String, now: Int64,
                             since: Int64) async throws -> (messageID: String, sequenceNumber: String)?
    {
        let found = try await write { db -> [String]? in
            if let row = try Row.fetchOne(db, sql: """
                SELECT message_id, sequence_number FROM sns_deduplication
                WHERE topic_arn = ? AND deduplication_id = ? AND seen_at > ?
                """, arguments: [topicARN, deduplicationID, since]) {
                return [row["message_id"], row["sequence_number"]]
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO sns_deduplication (topic_arn, deduplication_id, message_id, sequence_number, seen_at)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [topicARN, deduplicationID, messageID, sequenceNumber, now])
            return nil
        }
        guard let found else { return nil }
        return (found[0], found[1])
    }

    package func enqueueDeliveries(_ deliveries: [SNSPendingDelivery]) async throws {
        guard !deliveries.isEmpty else { return }
        let rows = try deliveries.map { ($0, try StoredJSON.encode($0.payload)) }
        try await write { db in
            for (delivery, payload) in rows {
                try db.execute(sql: """
                    INSERT INTO sns_deliveries (id, due_at, attempts, payload, dead_letter_queue) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [delivery.id, delivery.dueAt, delivery.attempts, payload, delivery.deadLetterQueueARN])
            }
        }
    }

    package func claimDeliveries(now: Int64, leaseUntil: Int64, limit: Int) async throws -> [SNSPendingDelivery] {
        try await write { db -> [SNSPendingDelivery] in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, due_at, attempts, payload, dead_letter_queue FROM sns_deliveries
                WHERE due_at <= ? ORDER BY due_at, id LIMIT ?
                """, arguments: [now, limit])
            return try rows.map { row in
                let id: String = row["id"]
                try db.execute(sql: "UPDATE sns_deliveries SET due_at = ?, claimed = 1 WHERE id = ?",
                               arguments: [leaseUntil, id])
                return SNSPendingDelivery(
                    id: id, payload: try StoredJSON.decode(SNSPendingDelivery.Payload.self, row["payload"]),
                    attempts: row["attempts"], dueAt: row["due_at"], deadLetterQueueARN: row["dead_letter_queue"])
            }
        }
    }

    package func releaseClaimedDeliveries(now: Int64) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE sns_deliveries SET due_at = MIN(due_at, ?), claimed = 0 WHERE claimed = 1",
                           arguments: [now])
        }
    }

    package func rescheduleDelivery(id: String, attempts: Int, dueAt: Int64) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE sns_deliveries SET attempts = ?, due_at = ?, claimed = 0 WHERE id = ?",
                           arguments: [attempts, dueAt, id])
        }
    }

    package func removeDelivery(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM sns_deliveries WHERE id = ?", arguments: [id])
        }
    }

    package func recordTextMessage(_ message: SNSTextMessage) async throws {
        let text = try StoredJSON.encode(message)
        try await write { db in
            try db.execute(sql: "INSERT INTO sns_sms_messages (phone_number, record) VALUES (?, ?)",
                           arguments: [message.phoneNumber, text])
        }
    }

    package func textMessages(phoneNumber: String?) async throws -> [SNSTextMessage] {
        try await read { db in
            let texts = if let phoneNumber {
                try String.fetchAll(db, sql: "SELECT record FROM sns_sms_messages WHERE phone_number = ? ORDER BY seq",
                                    arguments: [phoneNumber])
            } else {
                try String.fetchAll(db, sql: "SELECT record FROM sns_sms_messages ORDER BY seq")
            }
            return try texts.map { try StoredJSON.decode(SNSTextMessage.self, $0) }
        }
    }

    package func smsAttributes(accountID: String, region: String) async throws -> [String: String] {
        try await read { db in
            var attributes: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM sns_sms_attributes WHERE account_id = ? AND region = ?",
                                        arguments: [accountID, region]) {
                attributes[row["name"]] = row["value"]
            }
            return attributes
        }
    }

    package func setSMSAttributes(_ attributes: [String: String], accountID: String, region: String) async throws {
        try await write { db in
            for (name, value) in attributes {
                if value.isEmpty {
                    try db.execute(sql: "DELETE FROM sns_sms_attributes WHERE account_id = ? AND region = ? AND name = ?",
                                   arguments: [accountID, region, name])
                } else {
                    try db.execute(sql: """
                        INSERT OR REPLACE INTO sns_sms_attributes (account_id, region, name, value) VALUES (?, ?, ?, ?)
                        """, arguments: [accountID, region, name, value])
                }
            }
        }
    }
}
