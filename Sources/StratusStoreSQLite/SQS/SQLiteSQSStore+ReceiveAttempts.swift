// SQLiteSQSStore+ReceiveAttempts: FIFO receives under a receive request attempt id, and their replay.
import GRDB
import StratusSQS

extension SQLiteSQSStore {
    /// The ``SQSStore`` requirement of the same name, in one transaction (the attempt record is written with
    /// the claim, so a retry after a restart replays it too).
    package func claimMessages(attempt request: SQSAttemptClaimRequest) async throws -> SQSAttemptClaimOutcome {
        try await write { database in
            let claim = request.claim
            let recorded = try Bool.fetchOne(
                try database.cachedStatement(sql: """
                    SELECT retryable FROM sqs_receive_attempts WHERE queue_id = ? AND attempt_id = ? AND created_at > ?
                    """),
                arguments: [claim.queueID, request.attemptID, request.recordedAfter])
            if let retryable = recorded {
                guard retryable, let messages = try Self.heldMessages(of: request, database) else {
                    return .notRetryable
                }
                let update = try database.cachedStatement(sql: "UPDATE sqs_messages SET visible_at = ? WHERE id = ?")
                for (rowID, _) in messages { try update.execute(arguments: [claim.visibleUntil, rowID]) }
                return .replayed(messages.map { _, record in
                    var replayed = record
                    replayed.visibleAt = claim.visibleUntil
                    return replayed
                })
            }
            let result = try Self.claim(claim, database)
            if !result.messages.isEmpty { try Self.record(request, messages: result.messages, database) }
            return .claimed(result)
        }
    }

    /// The attempt's messages with their row ids, in its order, when every one is still held by it (same
    /// receipt token, in flight, unexpired); nil otherwise.
    private static func heldMessages(of request: SQSAttemptClaimRequest, _ database: Database) throws
        -> [(rowID: Int64, record: SQSMessageRecord)]?
    {
        let claim = request.claim
        let receipts = try Row.fetchAll(
            try database.cachedStatement(sql: """
                SELECT message_id, receipt_token FROM sqs_receive_attempt_messages
                WHERE queue_id = ? AND attempt_id = ? ORDER BY position
                """),
            arguments: [claim.queueID, request.attemptID])
        var held: [(rowID: Int64, record: SQSMessageRecord)] = []
        for receipt in receipts {
            let messageID: String = receipt[0]
            let token: String = receipt[1]
            let row: Row?
            if let rowID = SQLiteSQSReceiptToken.rowID(of: token) {
                row = try Row.fetchOne(
                    try database.cachedStatement(sql: """
                        SELECT \(messageColumns) FROM sqs_messages
                        WHERE id = ? AND queue_id = ? AND message_id = ? AND receipt_token = ?
                        """),
                    arguments: [rowID, claim.queueID, messageID, token])
            } else {
                // Recorded before receipt tokens carried row ids: a scan of the queue's messages.
                row = try Row.fetchOne(
                    try database.cachedStatement(sql: """
                        SELECT \(messageColumns) FROM sqs_messages WHERE queue_id = ? AND message_id = ? AND receipt_token = ?
                        """),
                    arguments: [claim.queueID, messageID, token])
            }
            guard let row else { return nil }
            let message = Self.message(from: row)
            guard message.record.visibleAt > claim.now, message.record.sentAt > claim.retentionCutoff else { return nil }
            held.append(message)
        }
        return held.isEmpty ? nil : held
    }

    /// Records a new attempt with the messages it claimed, after pruning the queue's attempts that left the window.
    private static func record(_ request: SQSAttemptClaimRequest, messages: [SQSMessageRecord], _ database: Database)
        throws
    {
        let claim = request.claim
        try database.cachedStatement(sql: "DELETE FROM sqs_receive_attempts WHERE queue_id = ? AND created_at <= ?")
            .execute(arguments: [claim.queueID, request.recordedAfter])
        try database.cachedStatement(sql: """
            INSERT INTO sqs_receive_attempts (queue_id, attempt_id, created_at, retryable) VALUES (?, ?, ?, 1)
            """).execute(arguments: [claim.queueID, request.attemptID, claim.now])
        let insert = try database.cachedStatement(sql: """
            INSERT INTO sqs_receive_attempt_messages (queue_id, attempt_id, position, message_id, receipt_token)
            VALUES (?, ?, ?, ?, ?)
            """)
        for (position, message) in messages.enumerated() {
            try insert.execute(arguments: [
                claim.queueID, request.attemptID, position, message.messageID, message.receiptToken ?? "",
            ])
        }
    }

    /// Marks every attempt that returned message `messageID` of queue `queueID` as no longer retryable (its
    /// visibility was changed by the client).
    static func endReceiveAttempts(queueID: Int64, messageID: String, _ database: Database) throws {
        try database.cachedStatement(sql: """
            UPDATE sqs_receive_attempts SET retryable = 0
            WHERE queue_id = ? AND attempt_id IN (
                SELECT attempt_id FROM sqs_receive_attempt_messages WHERE queue_id = ? AND message_id = ?)
            """).execute(arguments: [queueID, queueID, messageID])
    }
}
