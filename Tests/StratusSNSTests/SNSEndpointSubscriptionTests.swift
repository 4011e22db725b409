import Foundation
import StratusAPISNS
import StratusAWSCore
import StratusServiceKit
import StratusSNS
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// HTTP, HTTPS and email subscribers: the confirmation handshake, notifications, unsubscribe confirmations and
/// the retry schedule.
@Suite struct SNSEndpointSubscriptionTests {
    static let context = SNSServiceTests.context

    private func service(sendsEmail: Bool = true, clock: ManualClock = ManualClock()) throws
        -> (SNSService, RecordingDestinations)
    {
        let destinations = RecordingDestinations(sendsEmail: sendsEmail)
        let store = SQLiteSNSStore(database: try SQLiteDatabase.inMemory(name: "sns"))
        return (SNSService(store: store, clock: clock, ids: CountingIDs(), destinations: destinations), destinations)
    }

    /// Makes every queued delivery due now (what ``SNSDeliveryWorker`` does in the server). - Returns: how many.
    @discardableResult
    private func deliverDue(_ sns: SNSService) async -> Int {
        let due = await sns.claimDueDeliveries(limit: 100)
        for delivery in due { await sns.attempt(delivery) }
        return due.count
    }

    private func error(_ body: () async throws -> Void) async -> AWSServiceError? {
        do { try await body() } catch let error as AWSServiceError { return error } catch { return nil }
        return nil
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func anHTTPSubscriptionWaitsForItsTokenThenGetsNotifications() async throws {
        let (sns, destinations) = try service()
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "hooks"), context: Self.context).topicArn)
        let subscribed = try await sns.subscribe(
            SNS.SubscribeInput(topicArn: topic, protocol: "http", endpoint: "http://127.0.0.1:9/hook"), context: Self.context)
        #expect(subscribed.subscriptionArn == "pending confirmation")
        #expect(destinations.posted.withLock { $0.isEmpty }, "queued, not posted, until the worker runs")
        #expect(await deliverDue(sns) == 1)
        let confirmation = try #require(destinations.posted.withLock { $0.first })
        #expect(confirmation.url == "http://127.0.0.1:9/hook")
        #expect(confirmation.header("x-amz-sns-message-type") == "SubscriptionConfirmation")
        #expect(confirmation.header("x-amz-sns-topic-arn") == topic)
        #expect(confirmation.header("x-amz-sns-subscription-arn") == nil)
        #expect(confirmation.retries == [20, 20, 20])
        let document = try json(confirmation.body)
        #expect(document["Type"] as? String == "SubscriptionConfirmation" && document["TopicArn"] as? String == topic)
        let token = try #require(document["Token"] as? String)
        #expect(token.count == 64)
        #expect(document["SubscribeURL"] as? String
            == "http://localhost:4566/?Action=ConfirmSubscription&TopicArn=\(topic)&Token=\(token)")
        #expect((document["Message"] as? String)?.hasPrefix("You have chosen to subscribe to the topic \(topic).") == true)

        // Not confirmed: listed as PendingConfirmation, counted pending, sent nothing on publish.
        let listed = try await sns.listSubscriptionsByTopic(SNS.ListSubscriptionsByTopicInput(topicArn: topic), context: Self.context)
        #expect(listed.subscriptions?.first?.subscriptionArn == "PendingConfirmation")
        var publish = SNS.PublishInput(message: "before")
        publish.topicArn = topic
        _ = try await sns.publish(publish, context: Self.context)
        #expect(await deliverDue(sns) == 0)
        #expect(destinations.posted.withLock { $0.count } == 1)

        let wrong = await error {
            _ = try await sns.confirmSubscription(SNS.ConfirmSubscriptionInput(topicArn: topic, token: "nope"), context: Self.context)
        }
        #expect(wrong?.code.code == "InvalidParameter" && wrong?.message == "Invalid parameter: Token")
        let confirmed = try await sns.confirmSubscription(SNS.ConfirmSubscriptionInput(topicArn: topic, token: token),
                                                          context: Self.context)
        let arn = try #require(confirmed.subscriptionArn)
        #expect(arn.hasPrefix(topic + ":"))
        let attributes = try await sns.getSubscriptionAttributes(
            SNS.GetSubscriptionAttributesInput(subscriptionArn: arn), context: Self.context).attributes
        #expect(attributes?["PendingConfirmation"] == "false" && attributes?["Protocol"] == "http")

        publish.message = "after"
        publish.subject = "Hello"
        publish.messageAttributes = ["kind": SNS.MessageAttributeValue(dataType: "String", stringValue: "greeting")]
        let published = try await sns.publish(publish, context: Self.context)
        await deliverDue(sns)
        let notification = try #require(destinations.posted.withLock { $0.last })
        #expect(notification.header("x-amz-sns-message-type") == "Notification")
        #expect(notification.header("x-amz-sns-subscription-arn") == arn)
        #expect(notification.header("x-amz-sns-message-id") == published.messageId)
        #expect(notification.header("Content-Type") == "text/plain; charset=UTF-8")
        let body = try json(notification.body)
        #expect(body["Message"] as? String == "after" && body["Subject"] as? String == "Hello")
        #expect(body["UnsubscribeURL"] as? String == "http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=\(arn)")
        #expect((body["MessageAttributes"] as? [String: [String: String]])?["kind"] == ["Type": "String", "Value": "greeting"])

        // Raw delivery posts the message itself.
        try await sns.setSubscriptionAttributes(SNS.SetSubscriptionAttributesInput(
            subscriptionArn: arn, attributeName: "RawMessageDelivery", attributeValue: "true"), context: Self.context)
        publish.message = "raw"
        _ = try await sns.publish(publish, context: Self.context)
        await deliverDue(sns)
        let raw = try #require(destinations.posted.withLock { $0.last })
        #expect(raw.body == "raw" && raw.header("x-amz-sns-rawdelivery") == "true")

        // Unsubscribing sends an UnsubscribeConfirmation.
        try await sns.unsubscribe(SNS.UnsubscribeInput(subscriptionArn: arn), context: Self.context)
        await deliverDue(sns)
        let goodbye = try #require(destinations.posted.withLock { $0.last })
        #expect(goodbye.header("x-amz-sns-message-type") == "UnsubscribeConfirmation")
        #expect(try json(goodbye.body)["Type"] as? String == "UnsubscribeConfirmation")
    }

    @Test func returnSubscriptionArnAndResubscribingResendTheConfirmation() async throws {
        let (sns, destinations) = try service()
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "t"), context: Self.context).topicArn)
        var input = SNS.SubscribeInput(topicArn: topic, protocol: "https", endpoint: "https://example.com/in")
        input.returnSubscriptionArn = true
        let first = try #require(try await sns.subscribe(input, context: Self.context).subscriptionArn)
        #expect(first.hasPrefix(topic + ":"))
        input.returnSubscriptionArn = nil
        #expect(try await sns.subscribe(input, context: Self.context).subscriptionArn == "pending confirmation")
        #expect(await deliverDue(sns) == 2)
        let posted = destinations.posted.withLock { $0 }
        #expect(posted.count == 2)
        #expect(try json(posted[0].body)["Token"] as? String == json(posted[1].body)["Token"] as? String)
        let attributes = try await sns.getTopicAttributes(SNS.GetTopicAttributesInput(topicArn: topic), context: Self.context).attributes
        #expect(attributes?["SubscriptionsPending"] == "1" && attributes?["SubscriptionsConfirmed"] == "0")
    }

    @Test func endpointsAreCheckedAsSNSChecksThem() async throws {
        let (sns, _) = try service()
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "t"), context: Self.context).topicArn)
        for (kind, endpoint, message) in [
            ("http", "https://example.com/", "Invalid parameter: Endpoint must match the specified protocol"),
            ("https", "not a url", "Invalid parameter: Endpoint must match the specified protocol"),
            ("email", "nobody", "Invalid parameter: Email address"),
            ("email-json", "a@b", "Invalid parameter: Email address"),
        ] {
            let failure = await error {
                _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: kind, endpoint: endpoint),
                                            context: Self.context)
            }
            #expect(failure?.code.code == "InvalidParameter" && failure?.message == message, "\(kind) \(endpoint)")
        }
    }

    @Test func emailSubscribersGetAConfirmationAndPlainOrJSONNotifications() async throws {
        let (sns, destinations) = try service()
        var create = SNS.CreateTopicInput(name: "alerts")
        create.attributes = ["DisplayName": "Alerts"]
        let topic = try #require(try await sns.createTopic(create, context: Self.context).topicArn)
        _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "email", endpoint: "ops@example.com"),
                                    context: Self.context)
        _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "email-json", endpoint: "bot@example.com"),
                                    context: Self.context)
        await deliverDue(sns)
        let confirmations = destinations.emailed.withLock { $0 }
        #expect(confirmations.map(\.to) == ["ops@example.com", "bot@example.com"])
        #expect(confirmations.allSatisfy { $0.subject == "AWS Notification - Subscription Confirmation" })
        #expect(confirmations[0].from == "Alerts <no-reply@sns.amazonaws.com>")
        for email in confirmations {
            let link = try #require(email.body.split(separator: "\n").first { $0.hasPrefix("Confirm subscription: ") })
            let token = try #require(link.split(separator: "Token=").last.map(String.init))
            _ = try await sns.confirmSubscription(SNS.ConfirmSubscriptionInput(topicArn: topic, token: token), context: Self.context)
        }
        var publish = SNS.PublishInput(message: "disk full")
        publish.topicArn = topic
        _ = try await sns.publish(publish, context: Self.context)
        #expect(await deliverDue(sns) == 2)
        let notifications = destinations.emailed.withLock { Array($0.dropFirst(2)) }
        #expect(notifications.count == 2)
        let plain = try #require(notifications.first { $0.to == "ops@example.com" })
        #expect(plain.subject == "AWS Notification Message")
        #expect(plain.body.hasPrefix("disk full\n\n--\nIf you wish to stop receiving notifications from this topic"))
        let structured = try #require(notifications.first { $0.to == "bot@example.com" })
        #expect(try json(structured.body)["Message"] as? String == "disk full")
    }

    @Test func deliveryPoliciesSetTheRetrySchedule() async throws {
        let (sns, destinations) = try service()
        var create = SNS.CreateTopicInput(name: "t")
        create.attributes = ["DeliveryPolicy": #"{"http": {"defaultHealthyRetryPolicy": {"numRetries": 5, "numNoDelayRetries": 1, "minDelayTarget": 1, "maxDelayTarget": 5, "numMaxDelayRetries": 1}}}"#]
        let topic = try #require(try await sns.createTopic(create, context: Self.context).topicArn)
        _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "http", endpoint: "http://localhost:1/a"),
                                    context: Self.context)
        await deliverDue(sns)
        #expect(destinations.posted.withLock { $0.last?.retries } == [0, 1, 3, 5, 5])
        var input = SNS.SubscribeInput(topicArn: topic, protocol: "http", endpoint: "http://localhost:1/b")
        input.attributes = ["DeliveryPolicy": #"{"healthyRetryPolicy": {"numRetries": 2, "minDelayTarget": 0, "maxDelayTarget": 0}}"#]
        _ = try await sns.subscribe(input, context: Self.context)
        await deliverDue(sns)
        #expect(destinations.posted.withLock { $0.last?.retries } == [0, 0])
    }

    @Test func failedPostsAreRetriedOnScheduleThenGivenUp() async throws {
        let clock = ManualClock()
        let (sns, destinations) = try service(clock: clock)
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "t"), context: Self.context).topicArn)
        var input = SNS.SubscribeInput(topicArn: topic, protocol: "http", endpoint: "http://localhost:1/a")
        input.attributes = ["DeliveryPolicy": #"{"healthyRetryPolicy": {"numRetries": 2, "minDelayTarget": 5, "maxDelayTarget": 10}}"#]
        _ = try await sns.subscribe(input, context: Self.context)
        destinations.failingPosts.withLock { $0 = 5 }
        #expect(await deliverDue(sns) == 1)  // attempt 1 fails
        #expect(await deliverDue(sns) == 0)  // the retry is not due yet
        clock.advance(seconds: 4.9)
        #expect(await deliverDue(sns) == 0)
        clock.advance(seconds: 0.1)
        #expect(await deliverDue(sns) == 1)  // attempt 2, after 5 s, fails
        clock.advance(seconds: 9.9)
        #expect(await deliverDue(sns) == 0)
        clock.advance(seconds: 0.1)
        #expect(await deliverDue(sns) == 1)  // attempt 3, after 10 s, fails: given up
        clock.advance(seconds: 3600)
        #expect(await deliverDue(sns) == 0)
        #expect(destinations.posted.withLock { $0.count } == 3)
    }

    @Test func claimedDeliveriesComeBackAfterARestart() async throws {
        let clock = ManualClock()
        let (sns, destinations) = try service(clock: clock)
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "t"), context: Self.context).topicArn)
        _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "http", endpoint: "http://localhost:1/a"),
                                    context: Self.context)
        // A run claims the delivery and ends before attempting it (a crash).
        #expect(await sns.claimDueDeliveries(limit: 10).count == 1)
        #expect(await sns.claimDueDeliveries(limit: 10).isEmpty, "held while claimed")
        await sns.releaseClaimedDeliveries()  // the next run starts
        #expect(await deliverDue(sns) == 1)
        #expect(destinations.posted.withLock { $0.count } == 1)
        #expect(await deliverDue(sns) == 0, "made, so removed")
    }

    @Test func undeliverableMessagesGoToTheSubscriptionsDeadLetterQueue() async throws {
        let (sns, destinations) = try service()
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "t"), context: Self.context).topicArn)
        let deadLetters = "arn:aws:sqs:us-east-1:000000000000:dead-letters"
        let redrive = #"{"deadLetterTargetArn": "\#(deadLetters)"}"#
        var toHTTP = SNS.SubscribeInput(topicArn: topic, protocol: "http", endpoint: "http://localhost:1/down")
        toHTTP.attributes = ["RedrivePolicy": redrive,
                             "DeliveryPolicy": #"{"healthyRetryPolicy": {"numRetries": 0}}"#]
        _ = try await sns.subscribe(toHTTP, context: Self.context)
        await deliverDue(sns)
        let confirmation = try #require(destinations.posted.withLock { $0.first })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(confirmation.body.utf8)) as? [String: Any])
        let token = try #require(document["Token"] as? String)
        _ = try await sns.confirmSubscription(SNS.ConfirmSubscriptionInput(topicArn: topic, token: token), context: Self.context)
        var toGoneQueue = SNS.SubscribeInput(topicArn: topic, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:000000000000:q-gone")
        toGoneQueue.attributes = ["RedrivePolicy": redrive]
        _ = try await sns.subscribe(toGoneQueue, context: Self.context)

        destinations.failingPosts.withLock { $0 = 1 }
        var publish = SNS.PublishInput(message: "lost?")
        publish.topicArn = topic
        _ = try await sns.publish(publish, context: Self.context)
        await deliverDue(sns)
        let dead = destinations.queued.withLock { $0 }.filter { $0.queueARN == deadLetters }
        #expect(dead.count == 2, "one from the queue that is gone, one from the endpoint after its only attempt")
        for message in dead {
            let envelope = try #require(try JSONSerialization.jsonObject(with: Data(message.body.utf8)) as? [String: Any])
            #expect(envelope["Type"] as? String == "Notification" && envelope["Message"] as? String == "lost?")
        }

        var bad = SNS.SubscribeInput(topicArn: topic, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:000000000000:q")
        bad.attributes = ["RedrivePolicy": #"{"deadLetterTargetArn": "not-an-arn"}"#]
        let failure = await error { _ = try await sns.subscribe(bad, context: Self.context) }
        #expect(failure?.message == "Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn")
    }
}
