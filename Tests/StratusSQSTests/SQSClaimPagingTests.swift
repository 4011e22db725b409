import Foundation
import StratusAPISQS
import StratusSQS
import StratusServiceKit
import Testing

@Suite struct SQSClaimPagingTests {
    @Test func aZeroVisibilityReceiveReturnsEachMessageOnce() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("zero")
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "zero"), context: fixture.context)
        for index in 0..<3 {
            _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: "m\(index)"), context: fixture.context)
        }
        let received = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, maxNumberOfMessages: 10, visibilityTimeout: 0), context: fixture.context)
        #expect(received.messages?.compactMap(\.body).sorted() == ["m0", "m1", "m2"])
    }
}

extension SQSClaimPagingTests {
    @Test func aReceiveTakesAsManyMessagesAsAskedAcrossPages() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("many")
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "many"), context: fixture.context)
        for index in 0..<25 {
            _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: "m\(index)"), context: fixture.context)
        }
        var seen: [String] = []
        for _ in 0..<3 {
            let received = try await sqs.receiveMessage(
                SQS.ReceiveMessageRequest(queueUrl: url, maxNumberOfMessages: 10), context: fixture.context)
            seen += received.messages?.compactMap(\.body) ?? []
        }
        #expect(seen.count == 25)
        #expect(Set(seen).count == 25)
        let single = try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url), context: fixture.context)
        #expect(single.messages == nil)
    }

    @Test func zeroVisibilityAndRedriveNeverMoveAMessageThisReceiveReturned() async throws {
        let fixture = try SQSFixture()
        let sqs = fixture.service
        let url = fixture.url("source")
        let dlq = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: "dead"), context: fixture.context)
        let dlqURL = try #require(dlq.queueUrl)
        let attributes = try await sqs.getQueueAttributes(
            SQS.GetQueueAttributesRequest(queueUrl: dlqURL, attributeNames: ["QueueArn"]), context: fixture.context)
        let dlqArn = try #require(attributes.attributes?["QueueArn"])
        _ = try await sqs.createQueue(
            SQS.CreateQueueRequest(
                queueName: "source",
                attributes: ["RedrivePolicy": "{\"deadLetterTargetArn\":\"\(dlqArn)\",\"maxReceiveCount\":1}"]),
            context: fixture.context)
        _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: "once"), context: fixture.context)
        let first = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, maxNumberOfMessages: 10, visibilityTimeout: 0), context: fixture.context)
        #expect(first.messages?.compactMap(\.body) == ["once"])
        // Received once (maxReceiveCount 1): the next receive moves it to the dead-letter queue instead.
        let second = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, maxNumberOfMessages: 10), context: fixture.context)
        #expect(second.messages == nil)
        let dead = try await sqs.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: dlqURL), context: fixture.context)
        #expect(dead.messages?.compactMap(\.body) == ["once"])
    }
}
