// SQLiteSQSStore+Messages: sending, claiming, deleting and moving messages.
import Foundation
import GRDB
import StratusSQS

extension SQLiteSQSStore {
    static let messageColumns = """
        id, message_id, body, message_attributes, system_attributes, md5_of_body, md5_of_message_attributes, \
        md5_of_system_attributes, sender_id, sent_at, visible_at, receive_count, first_received_at, receipt_token, \
        group_id, deduplication_id, sequence_number, dead_letter_source_arn
        """

    static func message(from row: Row) -> (rowID: Int64, record: SQSMessageRecord) {
        let attributes: Data? = row[3]
        let system: Data? = row[4]
        return (row[0], SQSMessageRecord(
            messageID: row[1], body: row[2], messageAttributes: attributes.map { [UInt8]($0) } ?? [],
            systemAttributes: system.map { [UInt8]($0) } ?? [], md5OfBody: row[5], md5OfMessageAttributes: row[6],
            md5OfSystemAttributes: row[7], senderID: row[8], sentAt: row[9], visibleAt: row[10], receiveCount: row[11],
            firstReceivedAt: row[12], receiptToken: row[13], groupID: row[14], deduplicationID: row[15],
            sequenceNumber: row[16], deadLetterSourceArn: row[17]))
    }

    private static func nextSequence(_ database: Database, queueID: Int64) throws -> Int64 {
        let statement = try database.cachedStatement(
            sql: "UPDATE sqs_queues SET next_sequence = next_sequence + 1 WHERE id = ? RETURNING next_sequence")
        guard let number = try Int64.fetchOne(statement, arguments: [queueID]) else {
            throw SQSFailure.queueDoesNotExist()
        }
        return number
    }

    private static func queueExists(_ queueID: Int64, _ database: Database) throws -> Bool {
        try Bool.fetchOne(
            try database.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM sqs_queues WHERE id = ?)"),
            arguments: [queueID]) ?? false
    }

    /// Inserts one message. A queue that no longer exists fails the message's foreign key: that is answered as
    /// `queueDoesNotExist`, like the other paths.
    private static func insert(_ record: SQSMessageRecord, queueID: Int64, _ database: Database) throws {
        let statement = try database.cachedStatement(
            sql: """
                INSERT INTO sqs_messages (queue_id, message_id, body, message_attributes, system_attributes, md5_of_body,
                    md5_of_message_attributes, md5_of_system_attributes, sender_id, sent_at, visible_at, receive_count,
                    first_received_at, receipt_token, group_id, deduplication_id, sequence_number, dead_letter_source_arn)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        do {
            try statement.execute(arguments: [
                queueID, record.messageID, record.body,
                record.messageAttributes.isEmpty ? nil : Data(record.messageAttributes),
                record.systemAttributes.isEmpty ? nil : Data(record.systemAttributes), record.md5OfBody,
                record.md5OfMessageAttributes, record.md5OfSystemAttributes, record.senderID, record.sentAt,
                record.visibleAt, record.receiveCount, record.firstReceivedAt, record.receiptToken, record.groupID,
                record.deduplicationID, record.sequenceNumber, record.deadLetterSourceArn,
            ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw SQSFailure.queueDoesNotExist()
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func sendMessages(
        queueID: Int64, _ messages: [SQSNewMessage], assignSequenceNumbers: Bool, now: Int64, deduplicationSince: Int64
    ) async throws -> [SQSSendReceipt] {
        try await write { database in
            // The messages' foreign key checks that the queue exists (see `insert`); only a send that inserts
            // nothing needs to ask.
            if messages.isEmpty, try !Self.queueExists(queueID, database) { throw SQSFailure.queueDoesNotExist() }
            var receipts: [SQSSendReceipt] = []
            receipts.reserveCapacity(messages.count)
            for message in messages {
                if let key = message.deduplicationKey,
                    let original = try Row.fetchOne(
                        try database.cachedStatement(sql: """
                            SELECT message_id, sequence_number FROM sqs_deduplication
                            WHERE queue_id = ? AND deduplication_key = ? AND created_at > ?
                            """),
                        arguments: [queueID, key, deduplicationSince])
                {
                    receipts.append(SQSSendReceipt(messageID: original[0], sequenceNumber: original[1], duplicate: true))
                    continue
                }
                var record = message.record
                if assignSequenceNumbers { record.sequenceNumber = try Self.nextSequence(database, queueID: queueID) }
                try Self.insert(record, queueID: queueID, database)
                if let key = message.deduplicationKey {
                    try database.cachedStatement(sql: """
                        INSERT OR REPLACE INTO sqs_deduplication (queue_id, deduplication_key, message_id, sequence_number, created_at)
                        VALUES (?, ?, ?, ?, ?)
                        """).execute(arguments: [queueID, key, record.messageID, record.sequenceNumber, now])
                }
                receipts.append(SQSSendReceipt(messageID: record.messageID, sequenceNumber: record.sequenceNumber, duplicate: false))
            }
            return receipts
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func claimMessages(_ request: SQSClaimRequest) async throws -> SQSClaimResult {
        try await write { database in try Self.claim(request, database) }
    }

    /// The claim of ``claimMessages(_:)`` inside the caller's transaction.
    static func claim(_ request: SQSClaimRequest, _ database: Database) throws -> SQSClaimResult {
        var claimed: [SQSMessageRecord] = []
        var moved = 0
        var blockedGroups = Set<String>()
        if request.fifo {
            blockedGroups = Set(try String.fetchAll(
                try database.cachedStatement(sql: """
                    SELECT DISTINCT group_id FROM sqs_messages
                    WHERE queue_id = ? AND visible_at > ? AND receipt_token IS NOT NULL AND group_id IS NOT NULL
                    """),
                arguments: [request.queueID, request.now]))
        }
        let candidatesSQL = request.fifo
            ? "SELECT \(Self.messageColumns) FROM sqs_messages WHERE queue_id = ? AND visible_at <= ? AND sent_at > ? AND id > ? ORDER BY id LIMIT ?"
            : "SELECT \(Self.messageColumns) FROM sqs_messages WHERE queue_id = ? AND visible_at <= ? AND sent_at > ? AND id > ? ORDER BY visible_at, id LIMIT ?"
        let update = try database.cachedStatement(sql: """
            UPDATE sqs_messages SET visible_at = ?, receive_count = receive_count + 1,
                first_received_at = COALESCE(first_received_at, ?), receipt_token = ?
            WHERE id = ?
            """)
        // A standard queue's page holds `maxMessages` rows (rows are read whole: a receive of one message must not
        // decode twenty): every candidate is claimed or moved, except rows this claim already took, which stay due
        // when the visibility timeout is 0 and are skipped (so a page has room for every message still wanted).
        // FIFO pages also skip blocked groups, so they read ahead.
        let pageSize = request.fifo ? max(request.maxMessages * 2, 20) : request.maxMessages
        var claimedRows = Set<Int64>()
        var afterID: Int64 = 0
        scan: while claimed.count < request.maxMessages {
            // Decoded straight from the statement's rows (no copied `Row`s), before any update runs.
            let rows = try Array(Row.fetchCursor(
                try database.cachedStatement(sql: candidatesSQL),
                arguments: [request.queueID, request.now, request.retentionCutoff, afterID, pageSize]
            ).map(Self.message(from:)))
            if rows.isEmpty { break }
            var progressed = false
            for (rowID, record) in rows {
                if !request.fifo, claimedRows.contains(rowID) { continue }
                if request.fifo { afterID = max(afterID, rowID) }
                if request.fifo, let group = record.groupID, blockedGroups.contains(group) { continue }
                if let redrive = request.redrive, record.receiveCount >= redrive.maxReceiveCount {
                    try Self.move(
                        rowID: rowID, to: redrive.deadLetterQueueID, assignSequence: redrive.deadLetterQueueIsFIFO,
                        deadLetterSourceArn: redrive.sourceArn, now: request.now, database)
                    moved += 1
                    progressed = true
                    continue
                }
                let token = SQLiteSQSReceiptToken.make(
                    rowID: rowID,
                    token: claimed.count < request.receiptTokens.count
                        ? request.receiptTokens[claimed.count] : UUID().uuidString.lowercased())
                try update.execute(arguments: [request.visibleUntil, request.now, token, rowID])
                var received = record
                received.visibleAt = request.visibleUntil
                received.receiveCount += 1
                received.firstReceivedAt = record.firstReceivedAt ?? request.now
                received.receiptToken = token
                claimed.append(received)
                claimedRows.insert(rowID)
                progressed = true
                if claimed.count == request.maxMessages { break scan }
            }
            // A short page held every candidate. Otherwise standard queues re-read from the start (moved rows
            // left the queue, claimed ones the due range or are skipped); FIFO queues page on by id past skipped
            // groups.
            if rows.count < pageSize { break }
            if !request.fifo && !progressed { break }
        }
        return SQSClaimResult(messages: claimed, movedToDeadLetterQueue: moved)
    }

    /// Copies row `rowID` into queue `destination` as a fresh, visible message and deletes the original.
    private static func move(
        rowID: Int64, to destination: Int64, assignSequence: Bool, deadLetterSourceArn: String?, now: Int64,
        _ database: Database
    ) throws {
        let sequence: Int64? = assignSequence ? try nextSequence(database, queueID: destination) : nil
        try database.cachedStatement(sql: """
            INSERT INTO sqs_messages (queue_id, message_id, body, message_attributes, system_attributes, md5_of_body,
                md5_of_message_attributes, md5_of_system_attributes, sender_id, sent_at, visible_at, receive_count,
                first_received_at, receipt_token, group_id, deduplication_id, sequence_number, dead_letter_source_arn)
            SELECT ?, message_id, body, message_attributes, system_attributes, md5_of_body, md5_of_message_attributes,
                md5_of_system_attributes, sender_id, sent_at, ?, 0, NULL, NULL, group_id, deduplication_id,
                COALESCE(?, sequence_number), ?
            FROM sqs_messages WHERE id = ?
            """).execute(arguments: [destination, now, sequence, deadLetterSourceArn, rowID])
        try database.cachedStatement(sql: "DELETE FROM sqs_messages WHERE id = ?").execute(arguments: [rowID])
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func deleteMessages(queueID: Int64, _ receipts: [(messageID: String, receiptToken: String)]) async throws
        -> [Bool]
    {
        try await write { database in
            try receipts.map { receipt in
                if let rowID = SQLiteSQSReceiptToken.rowID(of: receipt.receiptToken) {
                    try database.cachedStatement(sql: """
                        DELETE FROM sqs_messages WHERE id = ? AND queue_id = ? AND message_id = ? AND receipt_token = ?
                        """).execute(arguments: [rowID, queueID, receipt.messageID, receipt.receiptToken])
                } else {
                    // A token issued before tokens carried row ids: found by a scan of the queue's messages.
                    try database.cachedStatement(sql: """
                        DELETE FROM sqs_messages WHERE queue_id = ? AND message_id = ? AND receipt_token = ?
                        """).execute(arguments: [queueID, receipt.messageID, receipt.receiptToken])
                }
                return database.changesCount > 0
            }
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func changeVisibility(queueID: Int64, _ changes: [SQSVisibilityChange], now: Int64) async throws
        -> [SQSVisibilityOutcome]
    {
        try await write { database in
            try changes.map { change in
                // The receipt's own row first (by primary key); only when that row holds another receipt or is
                // gone are the message's rows looked up by id (a scan of the queue's messages), to tell a stale
                // handle from a message that is not in flight.
                var rows: [Row] = []
                if let rowID = SQLiteSQSReceiptToken.rowID(of: change.receiptToken) {
                    rows = try Row.fetchAll(
                        try database.cachedStatement(sql: """
                            SELECT id, receipt_token, visible_at FROM sqs_messages WHERE id = ? AND queue_id = ? AND message_id = ?
                            """),
                        arguments: [rowID, queueID, change.messageID])
                }
                if !rows.contains(where: { ($0[1] as String?) == change.receiptToken }) {
                    rows = try Row.fetchAll(
                        try database.cachedStatement(sql: """
                            SELECT id, receipt_token, visible_at FROM sqs_messages WHERE queue_id = ? AND message_id = ?
                            """),
                        arguments: [queueID, change.messageID])
                }
                if let row = rows.first(where: { ($0[1] as String?) == change.receiptToken }) {
                    let visibleAt: Int64 = row[2]
                    if visibleAt <= now { return .notInFlight }
                    try database.cachedStatement(sql: "UPDATE sqs_messages SET visible_at = ? WHERE id = ?")
                        .execute(arguments: [change.visibleAt, row[0] as Int64])
                    try Self.endReceiveAttempts(queueID: queueID, messageID: change.messageID, database)
                    return .changed
                }
                let tokens: [String?] = rows.map { $0[1] }
                if !tokens.isEmpty && tokens.allSatisfy({ $0 == nil }) { return .notInFlight }
                return .notFound
            }
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func messageCounts(queueID: Int64, now: Int64, retentionCutoff: Int64) async throws -> SQSMessageCounts {
        try await read { database in
            let row = try Row.fetchOne(
                database,
                sql: """
                    SELECT COALESCE(SUM(visible_at <= ?), 0),
                           COALESCE(SUM(visible_at > ? AND receipt_token IS NOT NULL), 0),
                           COALESCE(SUM(visible_at > ? AND receipt_token IS NULL), 0)
                    FROM sqs_messages WHERE queue_id = ? AND sent_at > ?
                    """,
                arguments: [now, now, now, queueID, retentionCutoff])
            return SQSMessageCounts(visible: row?[0] ?? 0, inFlight: row?[1] ?? 0, delayed: row?[2] ?? 0)
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func nextVisibleAt(queueID: Int64, now: Int64, retentionCutoff: Int64) async throws -> Int64? {
        try await read { database in
            try Int64.fetchOne(
                try database.cachedStatement(sql: """
                    SELECT visible_at FROM sqs_messages WHERE queue_id = ? AND visible_at > ? AND sent_at > ?
                    ORDER BY visible_at LIMIT 1
                    """),
                arguments: [queueID, now, retentionCutoff])
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func deleteExpired(queueID: Int64, retentionCutoff: Int64, deduplicationCutoff: Int64) async throws -> Int {
        let work = try await read { database in
            (try Bool.fetchOne(
                database, sql: "SELECT EXISTS (SELECT 1 FROM sqs_messages WHERE queue_id = ? AND sent_at <= ?)",
                arguments: [queueID, retentionCutoff]) ?? false,
             try Bool.fetchOne(
                database, sql: "SELECT EXISTS (SELECT 1 FROM sqs_deduplication WHERE queue_id = ? AND created_at <= ?)",
                arguments: [queueID, deduplicationCutoff]) ?? false)
        }
        guard work.0 || work.1 else { return 0 }
        return try await write { database in
            try database.execute(
                sql: "DELETE FROM sqs_deduplication WHERE queue_id = ? AND created_at <= ?",
                arguments: [queueID, deduplicationCutoff])
            try database.execute(
                sql: "DELETE FROM sqs_messages WHERE queue_id = ? AND sent_at <= ?", arguments: [queueID, retentionCutoff])
            return database.changesCount
        }
    }

    /// The ``SQSStore`` requirement of the same name, in one transaction.
    package func moveMessages(
        sourceQueueID: Int64, destinationQueueID: Int64?, destinations: [String: Int64], limit: Int, now: Int64,
        retentionCutoff: Int64
    ) async throws -> (moved: Int, blocked: Bool) {
        try await write { database in
            let rows = try Row.fetchAll(
                database,
                sql: """
                    SELECT id, dead_letter_source_arn FROM sqs_messages
                    WHERE queue_id = ? AND visible_at <= ? AND sent_at > ? ORDER BY id LIMIT ?
                    """,
                arguments: [sourceQueueID, now, retentionCutoff, limit])
            var moved = 0
            var fifo: [Int64: Bool] = [:]
            for row in rows {
                let rowID: Int64 = row[0]
                let source: String? = row[1]
                guard let destination = destinationQueueID ?? source.flatMap({ destinations[$0] }) else {
                    return (moved, true)
                }
                if fifo[destination] == nil {
                    let name = try String.fetchOne(database, sql: "SELECT name FROM sqs_queues WHERE id = ?", arguments: [destination])
                    guard let name else { return (moved, true) }
                    fifo[destination] = name.hasSuffix(".fifo")
                }
                try Self.move(
                    rowID: rowID, to: destination, assignSequence: fifo[destination] ?? false, deadLetterSourceArn: nil,
                    now: now, database)
                moved += 1
            }
            return (moved, false)
        }
    }
}
