import Foundation
import GRDB
import StratusSQS
import StratusServiceKit
import StratusStoreSQLite
import Testing

/// The SQLite store locates received messages by the row id in their receipt tokens (no index on message ids),
/// and still honours tokens issued before that (plain tokens, found by message id).
@Suite struct SQSReceiptTokenStoreTests {
    private static let now: Int64 = 1_700_000_000_000

    private struct Fixture {
        let database: SQLiteDatabase
        let store: SQLiteSQSStore
        let queueID: Int64

        init() async throws {
            database = try SQLiteDatabase.inMemory(name: "sqs")
            store = SQLiteSQSStore(database: database)
            queueID = try await store.createQueue(
                SQSQueueRecord(accountID: "000000000000", region: "us-east-1", name: "q", createdAt: now, lastModifiedAt: now)
            ).queue.id
        }

        func send(_ messageID: String) async throws {
            let record = SQSMessageRecord(
                messageID: messageID, body: "body of \(messageID)", md5OfBody: "md5", senderID: "sender", sentAt: now,
                visibleAt: now)
            _ = try await store.sendMessages(
                queueID: queueID, [SQSNewMessage(record: record)], assignSequenceNumbers: false, now: now,
                deduplicationSince: now - 300_000)
        }

        func claim(_ count: Int, tokens: [String]) async throws -> [SQSMessageRecord] {
            try await store.claimMessages(
                SQSClaimRequest(
                    queueID: queueID, now: now, retentionCutoff: now - 345_600_000, visibleUntil: now + 30_000,
                    maxMessages: count, fifo: false, receiptTokens: tokens, redrive: nil)
            ).messages
        }

        func messageCount() async throws -> Int {
            try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqs_messages") ?? -1 }
        }
    }

    @Test func tokensCarryTheRowIDAndRoundTrip() {
        let token = SQLiteSQSReceiptToken.make(rowID: 42, token: "4f0c1d2e-aaaa-4bbb-8ccc-0123456789ab")
        #expect(token == "42:4f0c1d2e-aaaa-4bbb-8ccc-0123456789ab")
        #expect(SQLiteSQSReceiptToken.rowID(of: token) == 42)
        #expect(SQLiteSQSReceiptToken.rowID(of: "4f0c1d2e-aaaa-4bbb-8ccc-0123456789ab") == nil)
        #expect(SQLiteSQSReceiptToken.rowID(of: ":abc") == nil)
        #expect(SQLiteSQSReceiptToken.rowID(of: "12") == nil)
        #expect(SQLiteSQSReceiptToken.rowID(of: "1x:abc") == nil)
        #expect(SQLiteSQSReceiptToken.rowID(of: "9999999999999999999:abc") == nil)
    }

    @Test func theMessageIDIndexIsDropped() async throws {
        let fixture = try await Fixture()
        let indexes = try await fixture.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sqs_messages'")
        }
        #expect(!indexes.contains("sqs_messages_by_message_id"))
        #expect(indexes.contains("sqs_messages_due"))
        #expect(try await fixture.database.appliedMigrations().last == "sqs-003-messages-located-by-receipt-token")
    }

    @Test func claimedTokensLocateTheirRowForDeleteAndVisibility() async throws {
        let fixture = try await Fixture()
        try await fixture.send("m1")
        try await fixture.send("m2")
        let claimed = try await fixture.claim(2, tokens: ["t1", "t2"])
        #expect(claimed.map(\.messageID) == ["m1", "m2"])
        let tokens = claimed.map { $0.receiptToken ?? "" }
        #expect(tokens.allSatisfy { SQLiteSQSReceiptToken.rowID(of: $0) != nil })
        #expect(tokens.map { $0.split(separator: ":").last.map(String.init) } == ["t1", "t2"])

        let changed = try await fixture.store.changeVisibility(
            queueID: fixture.queueID, [SQSVisibilityChange(messageID: "m1", receiptToken: tokens[0], visibleAt: Self.now + 60_000)],
            now: Self.now)
        #expect(changed == [.changed])
        // The row id alone is not enough: message id and the whole token must match too.
        let forged = try await fixture.store.deleteMessages(
            queueID: fixture.queueID,
            [("m2", tokens[0]), ("m1", SQLiteSQSReceiptToken.make(rowID: SQLiteSQSReceiptToken.rowID(of: tokens[0])!, token: "t2"))])
        #expect(forged == [false, false])
        #expect(try await fixture.messageCount() == 2)
        let deleted = try await fixture.store.deleteMessages(queueID: fixture.queueID, [("m1", tokens[0]), ("m2", tokens[1])])
        #expect(deleted == [true, true])
        #expect(try await fixture.messageCount() == 0)
        // Stale now: the rows are gone.
        let stale = try await fixture.store.changeVisibility(
            queueID: fixture.queueID, [SQSVisibilityChange(messageID: "m1", receiptToken: tokens[0], visibleAt: Self.now)],
            now: Self.now)
        #expect(stale == [.notFound])
    }

    @Test func aReusedRowIDDoesNotMatchAnOlderToken() async throws {
        let fixture = try await Fixture()
        try await fixture.send("old")
        let old = try #require(try await fixture.claim(1, tokens: ["t"]).first?.receiptToken)
        #expect(try await fixture.store.deleteMessages(queueID: fixture.queueID, [("old", old)]) == [true])
        // SQLite gives the next message the same row id (the largest one was deleted).
        try await fixture.send("new")
        let reused = try await fixture.claim(1, tokens: ["t"])
        #expect(SQLiteSQSReceiptToken.rowID(of: reused.first?.receiptToken ?? "") == SQLiteSQSReceiptToken.rowID(of: old))
        #expect(try await fixture.store.deleteMessages(queueID: fixture.queueID, [("old", old)]) == [false])
        #expect(try await fixture.messageCount() == 1)
    }

    @Test func tokensWithoutARowIDAreStillHonoured() async throws {
        let fixture = try await Fixture()
        try await fixture.send("m1")
        try await fixture.send("m2")
        _ = try await fixture.claim(2, tokens: ["a", "b"])
        // As a build before row-id tokens stored them.
        try await fixture.database.write { db in
            try db.execute(sql: "UPDATE sqs_messages SET receipt_token = 'legacy-' || message_id")
        }
        let changed = try await fixture.store.changeVisibility(
            queueID: fixture.queueID,
            [SQSVisibilityChange(messageID: "m1", receiptToken: "legacy-m1", visibleAt: Self.now + 60_000),
             SQSVisibilityChange(messageID: "m2", receiptToken: "legacy-other", visibleAt: Self.now + 60_000)],
            now: Self.now)
        #expect(changed == [.changed, .notFound])
        let deleted = try await fixture.store.deleteMessages(
            queueID: fixture.queueID, [("m1", "legacy-m1"), ("m2", "legacy-m1")])
        #expect(deleted == [true, false])
        #expect(try await fixture.messageCount() == 1)
    }

    @Test func aMessageNotInFlightIsToldApartFromAStaleHandle() async throws {
        let fixture = try await Fixture()
        try await fixture.send("m1")
        let token = try #require(try await fixture.claim(1, tokens: ["t"]).first?.receiptToken)
        // Moved out and back (as a move task does): a new row, never received.
        try await fixture.database.write { db in
            try db.execute(sql: """
                INSERT INTO sqs_messages (queue_id, message_id, body, md5_of_body, sender_id, sent_at, visible_at)
                SELECT queue_id, message_id, body, md5_of_body, sender_id, sent_at, visible_at FROM sqs_messages;
                DELETE FROM sqs_messages WHERE receipt_token IS NOT NULL;
                """)
        }
        let outcome = try await fixture.store.changeVisibility(
            queueID: fixture.queueID, [SQSVisibilityChange(messageID: "m1", receiptToken: token, visibleAt: Self.now)],
            now: Self.now)
        #expect(outcome == [.notInFlight])
    }

    @Test func sendingToADeletedQueueFailsAndStoresNothing() async throws {
        let fixture = try await Fixture()
        try await fixture.store.deleteQueue(id: fixture.queueID, deletedAt: Self.now)
        await #expect(throws: (any Error).self) { try await fixture.send("m1") }
        do {
            try await fixture.send("m1")
        } catch let error as AWSServiceError {
            #expect(error.code.code == "QueueDoesNotExist")
        }
        #expect(try await fixture.messageCount() == 0)
        await #expect(throws: (any Error).self) {
            _ = try await fixture.store.sendMessages(
                queueID: fixture.queueID, [], assignSequenceNumbers: false, now: Self.now, deduplicationSince: 0)
        }
    }
}
