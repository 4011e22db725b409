import Foundation
import StratusAPISQS
import StratusServiceKit
import StratusSQS
import StratusTesting
import Testing

@Suite struct SQSServiceTests {
    private func code(of body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as AWSServiceError {
            return error.code.code
        } catch {
            return "\(error)"
        }
    }

    @Test func createQueueIsIdempotentOnlyForIdenticalAttributes() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let created = try await sqs.createQueue(
            SQS.CreateQueueRequest(queueName: "orders", attributes: ["VisibilityTimeout": "60"]), context: fixture.context)
        #expect(created.queueUrl == "http://localhost:4566/000000000000/orders")
        let again = try await sqs.createQueue(
            SQS.CreateQueueRequest(queueName: "orders", attributes: ["VisibilityTimeout": "60"]), context: fixture.context)
        #expect(again.queueUrl == created.queueUrl)
        let differing = await code {
            _ = try await sqs.createQueue(
                SQS.CreateQueueRequest(queueName: "orders", attributes: ["VisibilityTimeout": "61"]), context: fixture.context)
        }
        #expect(differing == "QueueNameExists")
        let badName = await code {
            _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "bad name"), context: fixture.context)
        }
        #expect(badName == "InvalidParameterValue")
    }

    @Test func visibilityTimeoutHidesThenRevealsWithStaleHandles() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("work")
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "work"), context: fixture.context)
        _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: "job"), context: fixture.context)
        let first = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, visibilityTimeout: 10), context: fixture.context)
        let firstHandle = try #require(first.messages?.first?.receiptHandle)
        let hidden = try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url), context: fixture.context)
        #expect(hidden.messages == nil)
        fixture.clock.advance(seconds: 10)
        let second = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, messageSystemAttributeNames: ["ApproximateReceiveCount"]),
            context: fixture.context)
        let message = try #require(second.messages?.first)
        #expect(message.attributes?["ApproximateReceiveCount"] == "2")
        // The first handle is stale: deleting with it succeeds but deletes nothing.
        try await sqs.deleteMessage(SQS.DeleteMessageRequest(queueUrl: url, receiptHandle: firstHandle), context: fixture.context)
        let counts = try await sqs.getQueueAttributes(
            SQS.GetQueueAttributesRequest(queueUrl: url, attributeNames: ["ApproximateNumberOfMessagesNotVisible"]),
            context: fixture.context)
        #expect(counts.attributes?["ApproximateNumberOfMessagesNotVisible"] == "1")
        try await sqs.deleteMessage(
            SQS.DeleteMessageRequest(queueUrl: url, receiptHandle: try #require(message.receiptHandle)), context: fixture.context)
        fixture.clock.advance(seconds: 60)
        #expect(try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url), context: fixture.context).messages == nil)
    }

    @Test func delayAndRetentionFollowTheClock() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("timed")
        _ = try await sqs.createQueue(
            SQS.CreateQueueRequest(queueName: "timed", attributes: ["MessageRetentionPeriod": "60"]), context: fixture.context)
        _ = try await sqs.sendMessage(
            SQS.SendMessageRequest(queueUrl: url, messageBody: "later", delaySeconds: 5), context: fixture.context)
        let attributes = try await sqs.getQueueAttributes(
            SQS.GetQueueAttributesRequest(queueUrl: url, attributeNames: ["All"]), context: fixture.context)
        #expect(attributes.attributes?["ApproximateNumberOfMessagesDelayed"] == "1")
        #expect(try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url), context: fixture.context).messages == nil)
        fixture.clock.advance(seconds: 5)
        let received = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, visibilityTimeout: 0), context: fixture.context)
        #expect(received.messages?.first?.body == "later")
        fixture.clock.advance(seconds: 60)
        #expect(try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url), context: fixture.context).messages == nil)
    }

    @Test func fifoGroupsBlockWhileInFlightAndDeduplicate() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("jobs.fifo")
        _ = try await sqs.createQueue(
            SQS.CreateQueueRequest(queueName: "jobs.fifo", attributes: ["FifoQueue": "true", "ContentBasedDeduplication": "true"]),
            context: fixture.context)
        var sequence: [String] = []
        for body in ["a1", "a2", "b1"] {
            let sent = try await sqs.sendMessage(
                SQS.SendMessageRequest(queueUrl: url, messageBody: body, messageGroupId: String(body.prefix(1))),
                context: fixture.context)
            sequence.append(try #require(sent.sequenceNumber))
        }
        #expect(sequence == sequence.sorted())
        let duplicate = try await sqs.sendMessage(
            SQS.SendMessageRequest(queueUrl: url, messageBody: "a1", messageGroupId: "a"), context: fixture.context)
        #expect(duplicate.sequenceNumber == sequence[0])
        let first = try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url), context: fixture.context)
        #expect(first.messages?.map(\.body) == ["a1"])
        // Group a is blocked while a1 is in flight; b is not.
        let second = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, maxNumberOfMessages: 10), context: fixture.context)
        #expect(second.messages?.map(\.body) == ["b1"])
        try await sqs.deleteMessage(
            SQS.DeleteMessageRequest(queueUrl: url, receiptHandle: try #require(first.messages?.first?.receiptHandle)),
            context: fixture.context)
        let third = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, maxNumberOfMessages: 10), context: fixture.context)
        #expect(third.messages?.map(\.body) == ["a2"])
        fixture.clock.advance(seconds: 301)
        let afterWindow = try await sqs.sendMessage(
            SQS.SendMessageRequest(queueUrl: url, messageBody: "a1", messageGroupId: "a"), context: fixture.context)
        #expect(afterWindow.sequenceNumber != sequence[0])
    }

    @Test func messagesMoveToTheDeadLetterQueueAndBack() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "dlq"), context: fixture.context)
        let policy = #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2}"#
        _ = try await sqs.createQueue(
            SQS.CreateQueueRequest(queueName: "source", attributes: ["RedrivePolicy": policy]), context: fixture.context)
        let source = fixture.url("source")
        let dlq = fixture.url("dlq")
        _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: source, messageBody: "poison"), context: fixture.context)
        for _ in 0..<2 {
            let received = try await sqs.receiveMessage(
                SQS.ReceiveMessageRequest(queueUrl: source, visibilityTimeout: 0), context: fixture.context)
            #expect(received.messages?.count == 1)
        }
        #expect(try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: source), context: fixture.context).messages == nil)
        let dead = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: dlq, messageSystemAttributeNames: ["All"], visibilityTimeout: 0),
            context: fixture.context)
        #expect(dead.messages?.first?.body == "poison")
        #expect(dead.messages?.first?.attributes?["DeadLetterQueueSourceArn"] == "arn:aws:sqs:us-east-1:000000000000:source")
        let sources = try await sqs.listDeadLetterSourceQueues(
            SQS.ListDeadLetterSourceQueuesRequest(queueUrl: dlq), context: fixture.context)
        #expect(sources.queueUrls == [source])

        let started = try await sqs.startMessageMoveTask(
            SQS.StartMessageMoveTaskRequest(sourceArn: "arn:aws:sqs:us-east-1:000000000000:dlq"), context: fixture.context)
        #expect(started.taskHandle != nil)
        #expect(try await sqs.advanceMoveTasks() == 1)
        let tasks = try await sqs.listMessageMoveTasks(
            SQS.ListMessageMoveTasksRequest(sourceArn: "arn:aws:sqs:us-east-1:000000000000:dlq"), context: fixture.context)
        #expect(tasks.results?.first?.status == "COMPLETED")
        #expect(tasks.results?.first?.approximateNumberOfMessagesMoved == 1)
        let back = try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: source), context: fixture.context)
        #expect(back.messages?.first?.body == "poison")
    }

    @Test func purgeIsAllowedOncePerMinute() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("p")
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "p"), context: fixture.context)
        _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: "x"), context: fixture.context)
        try await sqs.purgeQueue(SQS.PurgeQueueRequest(queueUrl: url), context: fixture.context)
        let again = await code { try await sqs.purgeQueue(SQS.PurgeQueueRequest(queueUrl: url), context: fixture.context) }
        #expect(again == "PurgeQueueInProgress")
        fixture.clock.advance(seconds: 61)
        try await sqs.purgeQueue(SQS.PurgeQueueRequest(queueUrl: url), context: fixture.context)
        #expect(try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url), context: fixture.context).messages == nil)
    }

    @Test func batchesReportPerEntryFailuresAndEnforceLimits() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("b")
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "b"), context: fixture.context)
        let result = try await sqs.sendMessageBatch(
            SQS.SendMessageBatchRequest(queueUrl: url, entries: [
                SQS.SendMessageBatchRequestEntry(id: "ok", messageBody: "fine"),
                SQS.SendMessageBatchRequestEntry(id: "bad", messageBody: "\u{0}"),
            ]), context: fixture.context)
        #expect(result.successful.map(\.id) == ["ok"])
        #expect(result.failed.map(\.code) == ["InvalidMessageContents"])
        let tooMany = await code {
            _ = try await sqs.sendMessageBatch(
                SQS.SendMessageBatchRequest(
                    queueUrl: url,
                    entries: (0..<11).map { SQS.SendMessageBatchRequestEntry(id: "e\($0)", messageBody: "x") }),
                context: fixture.context)
        }
        #expect(tooMany == "TooManyEntriesInBatchRequest")
        let repeated = await code {
            _ = try await sqs.sendMessageBatch(
                SQS.SendMessageBatchRequest(queueUrl: url, entries: [
                    SQS.SendMessageBatchRequestEntry(id: "same", messageBody: "x"),
                    SQS.SendMessageBatchRequestEntry(id: "same", messageBody: "y"),
                ]), context: fixture.context)
        }
        #expect(repeated == "BatchEntryIdsNotDistinct")
    }

    @Test func longPollWakesWhenAMessageArrives() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("poll")
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "poll"), context: fixture.context)
        let context = fixture.context
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url, waitTimeSeconds: 20), context: context)
                    .messages?.first?.body
            }
            // Send once the receiver is parked (no timing: wait until the signal has a waiter).
            while sqs.signals.waiterCount == 0 { await Task.yield() }
            _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: "wake"), context: context)
            let body = try await group.next()
            #expect(body == "wake")
        }
    }

    @Test func cancelledLongPollReturnsPromptly() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("cancel")
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "cancel"), context: fixture.context)
        let context = fixture.context
        let result = await withTaskGroup(of: SQS.ReceiveMessageResult?.self) { group in
            group.addTask {
                try? await sqs.receiveMessage(
                    SQS.ReceiveMessageRequest(queueUrl: url, waitTimeSeconds: 20), context: context)
            }
            while sqs.signals.waiterCount == 0 { await Task.yield() }
            group.cancelAll()
            return await group.next() ?? nil
        }
        #expect(result != nil)
        #expect(result?.messages == nil)
        #expect(sqs.signals.waiterCount == 0)
    }

    @Test func permissionsEditThePolicy() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("shared")
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "shared"), context: fixture.context)
        try await sqs.addPermission(
            SQS.AddPermissionRequest(queueUrl: url, label: "l1", awsAccountIds: ["111122223333"], actions: ["SendMessage"]),
            context: fixture.context)
        let policy = try await sqs.getQueueAttributes(
            SQS.GetQueueAttributesRequest(queueUrl: url, attributeNames: ["Policy"]), context: fixture.context)
        #expect(policy.attributes?["Policy"]?.contains(#""Sid":"l1""#) == true)
        let duplicate = await code {
            try await sqs.addPermission(
                SQS.AddPermissionRequest(queueUrl: url, label: "l1", awsAccountIds: ["111122223333"], actions: ["SendMessage"]),
                context: fixture.context)
        }
        #expect(duplicate == "InvalidParameterValue")
        try await sqs.removePermission(SQS.RemovePermissionRequest(queueUrl: url, label: "l1"), context: fixture.context)
        let cleared = try await sqs.getQueueAttributes(
            SQS.GetQueueAttributesRequest(queueUrl: url, attributeNames: ["Policy"]), context: fixture.context)
        #expect(cleared.attributes?["Policy"] == nil)
    }
}
