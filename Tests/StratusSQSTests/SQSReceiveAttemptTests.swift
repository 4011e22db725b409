import Foundation
import StratusAPISQS
import StratusServiceKit
import StratusSQS
import StratusStoreSQLite
import StratusTesting
import Testing

/// FIFO `ReceiveRequestAttemptId`: retries within five minutes replay the first receive.
@Suite struct SQSReceiveAttemptTests {
    /// A FIFO queue with content-based deduplication and a 30 s visibility timeout, and its URL.
    private func fifoQueue(_ fixture: SQSFixture, _ name: String = "attempts.fifo") async throws -> String {
        _ = try await fixture.service.createQueue(
            SQS.CreateQueueRequest(
                queueName: name,
                attributes: ["FifoQueue": "true", "ContentBasedDeduplication": "true", "VisibilityTimeout": "30"]),
            context: fixture.context)
        return fixture.url(name)
    }

    private func send(_ fixture: SQSFixture, _ url: String, _ body: String, group: String = "G") async throws {
        _ = try await fixture.service.sendMessage(
            SQS.SendMessageRequest(queueUrl: url, messageBody: body, messageGroupId: group), context: fixture.context)
    }

    private func receive(
        _ fixture: SQSFixture, _ url: String, attempt: String?, max: Int = 2, visibility: Int? = nil,
        systemAttributes: [SQS.MessageSystemAttributeName]? = nil
    ) async throws -> [SQS.Message] {
        try await fixture.service.receiveMessage(
            SQS.ReceiveMessageRequest(
                queueUrl: url, messageSystemAttributeNames: systemAttributes, maxNumberOfMessages: max,
                visibilityTimeout: visibility, receiveRequestAttemptId: attempt),
            context: fixture.context
        ).messages ?? []
    }

    private func pairs(_ messages: [SQS.Message]) -> [String] {
        messages.map { "\($0.body ?? "") \($0.receiptHandle ?? "")" }
    }

    /// The AWS error code and message `body` throws, or nil when it succeeds.
    private func failure(of body: () async throws -> Void) async -> (code: String, message: String)? {
        do {
            try await body()
            return nil
        } catch let error as AWSServiceError {
            return (error.code.code, error.message ?? "")
        } catch {
            return ("\(error)", "")
        }
    }

    @Test func aRetryAnswersTheSameMessagesAndHandlesAndResetsTheirVisibility() async throws {
        let fixture = try SQSFixture()
        let url = try await fifoQueue(fixture)
        for body in ["m0", "m1", "m2"] { try await send(fixture, url, body) }
        let first = try await receive(fixture, url, attempt: "a-1", systemAttributes: ["ApproximateReceiveCount"])
        #expect(first.map(\.body) == ["m0", "m1"])
        fixture.clock.advance(seconds: 20)
        // Another request with the same id (here with other parameters) is the same receive: same set, same handles.
        let retry = try await receive(fixture, url, attempt: "a-1", max: 1, systemAttributes: ["ApproximateReceiveCount"])
        #expect(pairs(retry) == pairs(first))
        #expect(retry.map { $0.attributes?["ApproximateReceiveCount"] } == ["1", "1"])
        // The retry restarted the 30 s visibility timeout: at 40 s the group is still held, at 50 s it is free.
        fixture.clock.advance(seconds: 20)
        #expect(try await receive(fixture, url, attempt: nil).isEmpty)
        fixture.clock.advance(seconds: 10)
        #expect(try await receive(fixture, url, attempt: nil).map(\.body) == ["m0", "m1"])
    }

    @Test func aNewAttemptIdIsANewReceive() async throws {
        let fixture = try SQSFixture()
        let url = try await fifoQueue(fixture)
        try await send(fixture, url, "a0", group: "A")
        try await send(fixture, url, "b0", group: "B")
        #expect(try await receive(fixture, url, attempt: "x", max: 1).map(\.body) == ["a0"])
        #expect(try await receive(fixture, url, attempt: "y", max: 1).map(\.body) == ["b0"])
        #expect(try await receive(fixture, url, attempt: "z", max: 1).isEmpty)
        #expect(try await receive(fixture, url, attempt: "x", max: 1).map(\.body) == ["a0"])
    }

    @Test func attemptIdsBelongToTheirQueue() async throws {
        let fixture = try SQSFixture()
        let one = try await fifoQueue(fixture, "one.fifo")
        let two = try await fifoQueue(fixture, "two.fifo")
        try await send(fixture, one, "in one")
        try await send(fixture, two, "in two")
        #expect(try await receive(fixture, one, attempt: "shared").map(\.body) == ["in one"])
        #expect(try await receive(fixture, two, attempt: "shared").map(\.body) == ["in two"])
    }

    @Test func aDeletedMessageMakesTheAttemptNotRetryableAndChangesNothing() async throws {
        let fixture = try SQSFixture()
        let url = try await fifoQueue(fixture)
        for body in ["m0", "m1"] { try await send(fixture, url, body) }
        let first = try await receive(fixture, url, attempt: "a-1")
        try await fixture.service.deleteMessage(
            SQS.DeleteMessageRequest(queueUrl: url, receiptHandle: try #require(first.first?.receiptHandle)),
            context: fixture.context)
        let error = await failure { _ = try await receive(fixture, url, attempt: "a-1", visibility: 0) }
        #expect(error?.code == "InvalidParameterValue")
        #expect(error?.message == "Value a-1 for parameter ReceiveRequestAttemptId is invalid. Reason: "
            + "The receiveRequestAttemptId is not valid anymore since the receive call is not retryable.")
        // The failed retry did not touch m1: it stays in flight under its handle until the first timeout.
        fixture.clock.advance(seconds: 29)
        #expect(try await receive(fixture, url, attempt: nil).isEmpty)
        fixture.clock.advance(seconds: 1)
        #expect(try await receive(fixture, url, attempt: nil).map(\.body) == ["m1"])
    }

    @Test func aVisibilityChangeMakesTheAttemptNotRetryableEvenToTheSameDeadline() async throws {
        let fixture = try SQSFixture()
        let url = try await fifoQueue(fixture)
        try await send(fixture, url, "m0")
        let first = try await receive(fixture, url, attempt: "a-1")
        fixture.clock.advance(seconds: 10)
        // 20 s from now is exactly the deadline the receive set.
        try await fixture.service.changeMessageVisibility(
            SQS.ChangeMessageVisibilityRequest(
                queueUrl: url, receiptHandle: try #require(first.first?.receiptHandle), visibilityTimeout: 20),
            context: fixture.context)
        let error = await failure { _ = try await receive(fixture, url, attempt: "a-1") }
        #expect(error?.code == "InvalidParameterValue")
    }

    @Test func expiredVisibilityOrAnotherReceiveMakesTheAttemptNotRetryable() async throws {
        let fixture = try SQSFixture()
        let url = try await fifoQueue(fixture)
        try await send(fixture, url, "m0")
        _ = try await receive(fixture, url, attempt: "a-1")
        _ = try await receive(fixture, url, attempt: "b-1")
        fixture.clock.advance(seconds: 30)
        // Visible again (nobody holds it): the attempt is over.
        #expect(await failure { _ = try await receive(fixture, url, attempt: "a-1") }?.code == "InvalidParameterValue")
        // Received by someone else: still over, and that receive is replayable under its own id.
        let other = try await receive(fixture, url, attempt: "c-1")
        #expect(other.map(\.body) == ["m0"])
        #expect(await failure { _ = try await receive(fixture, url, attempt: "a-1") }?.code == "InvalidParameterValue")
        #expect(pairs(try await receive(fixture, url, attempt: "c-1")) == pairs(other))
        // An attempt that got nothing was not recorded, so its id is simply a new receive.
        #expect(try await receive(fixture, url, attempt: "b-1").isEmpty)
    }

    @Test func afterFiveMinutesTheAttemptIdIsForgotten() async throws {
        let fixture = try SQSFixture()
        let url = try await fifoQueue(fixture)
        try await send(fixture, url, "held", group: "A")
        let first = try await receive(fixture, url, attempt: "a-1", max: 1, visibility: 600)
        #expect(first.map(\.body) == ["held"])
        fixture.clock.advance(seconds: 299)
        #expect(pairs(try await receive(fixture, url, attempt: "a-1", max: 1, visibility: 600)) == pairs(first))
        fixture.clock.advance(seconds: 1)
        try await send(fixture, url, "other", group: "B")
        // Five minutes after the receive the id names nothing: a new receive, which records it afresh.
        let fresh = try await receive(fixture, url, attempt: "a-1", max: 1)
        #expect(fresh.map(\.body) == ["other"])
        #expect(pairs(try await receive(fixture, url, attempt: "a-1", max: 1)) == pairs(fresh))
    }

    @Test func anEmptyReceiveIsNotRecorded() async throws {
        let fixture = try SQSFixture()
        let url = try await fifoQueue(fixture)
        #expect(try await receive(fixture, url, attempt: "a-1").isEmpty)
        try await send(fixture, url, "late")
        #expect(try await receive(fixture, url, attempt: "a-1").map(\.body) == ["late"])
    }

    @Test func standardQueuesIgnoreTheAttemptId() async throws {
        let fixture = try SQSFixture()
        _ = try await fixture.service.createQueue(SQS.CreateQueueRequest(queueName: "plain"), context: fixture.context)
        let url = fixture.url("plain")
        for body in ["s0", "s1"] {
            _ = try await fixture.service.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: body), context: fixture.context)
        }
        #expect(try await receive(fixture, url, attempt: "a-1", max: 1).map(\.body) == ["s0"])
        #expect(try await receive(fixture, url, attempt: "a-1", max: 1).map(\.body) == ["s1"])
        #expect(try await receive(fixture, url, attempt: "not valid on FIFO", max: 1).isEmpty)
    }

    @Test func attemptIdsAreValidatedOnFIFOQueues() async throws {
        let fixture = try SQSFixture()
        let url = try await fifoQueue(fixture)
        for invalid in ["", "has space", String(repeating: "x", count: 129), "é"] {
            #expect(await failure { _ = try await receive(fixture, url, attempt: invalid) }?.code == "InvalidParameterValue")
        }
        let longest = String(repeating: "x", count: 128)
        try await send(fixture, url, "m0")
        #expect(try await receive(fixture, url, attempt: longest).map(\.body) == ["m0"])
        #expect(try await receive(fixture, url, attempt: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").isEmpty)
    }

    @Test func aRetryAfterARestartReplaysTheStoredAttempt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqs-attempts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sqs.sqlite")
        let clock = ManualClock()
        let context = SQSFixture.context
        let url = "http://localhost:4566/000000000000/durable.fifo"

        let first = try SQLiteDatabase.open(name: "sqs", at: file)
        let before = SQSService(store: SQLiteSQSStore(database: first), clock: clock)
        _ = try await before.createQueue(
            SQS.CreateQueueRequest(
                queueName: "durable.fifo", attributes: ["FifoQueue": "true", "ContentBasedDeduplication": "true"]),
            context: context)
        _ = try await before.sendMessage(
            SQS.SendMessageRequest(queueUrl: url, messageBody: "kept", messageGroupId: "G"), context: context)
        let received = try await before.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, receiveRequestAttemptId: "a-1"), context: context)
        try first.close()

        clock.advance(seconds: 5)
        let second = try SQLiteDatabase.open(name: "sqs", at: file)
        defer { try? second.close() }
        let after = SQSService(store: SQLiteSQSStore(database: second), clock: clock)
        let retry = try await after.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, receiveRequestAttemptId: "a-1"), context: context)
        #expect(retry.messages?.map(\.receiptHandle) == received.messages?.map(\.receiptHandle))
        #expect(retry.messages?.count == 1)
    }
}
