import Foundation
import StratusAPISQS
import StratusServiceKit
import StratusSQS
import StratusStoreSQLite
import StratusTesting
import Testing

@Suite struct SQSStoreBehaviourTests {
    @Test func concurrentReceivesNeverShareAMessage() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("shared")
        let context = fixture.context
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "shared"), context: context)
        for index in 0..<10 {
            _ = try await sqs.sendMessageBatch(
                SQS.SendMessageBatchRequest(
                    queueUrl: url,
                    entries: (0..<5).map { SQS.SendMessageBatchRequestEntry(id: "e\($0)", messageBody: "m\(index)-\($0)") }),
                context: context)
        }
        let received = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await sqs.receiveMessage(
                        SQS.ReceiveMessageRequest(queueUrl: url, maxNumberOfMessages: 10), context: context
                    ).messages?.compactMap(\.messageId) ?? []
                }
            }
            var all: [String] = []
            for try await ids in group { all += ids }
            return all
        }
        #expect(received.count == 50)
        #expect(Set(received).count == 50)
    }

    @Test func visibilityIsAStoredDeadlineThatSurvivesReopening() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqs-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sqs.sqlite")
        let clock = ManualClock()
        let context = SQSFixture.context
        let url = "http://localhost:4566/000000000000/durable"

        let first = try SQLiteDatabase.open(name: "sqs", at: file)
        let before = SQSService(store: SQLiteSQSStore(database: first), clock: clock)
        _ = try await before.createQueue(SQS.CreateQueueRequest(queueName: "durable"), context: context)
        _ = try await before.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: "kept"), context: context)
        let received = try await before.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, visibilityTimeout: 30), context: context)
        #expect(received.messages?.count == 1)
        try first.close()

        let second = try SQLiteDatabase.open(name: "sqs", at: file)
        defer { try? second.close() }
        let after = SQSService(store: SQLiteSQSStore(database: second), clock: clock)
        #expect(try await after.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url), context: context).messages == nil)
        clock.advance(seconds: 30)
        let again = try await after.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, messageSystemAttributeNames: ["ApproximateReceiveCount"]),
            context: context)
        #expect(again.messages?.first?.body == "kept")
        #expect(again.messages?.first?.attributes?["ApproximateReceiveCount"] == "2")
    }
}
