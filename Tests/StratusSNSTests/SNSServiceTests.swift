import Foundation
import StratusAPISNS
import StratusAWSCore
import StratusServiceKit
import StratusJSON
import StratusSNS
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// Queues, functions, HTTP endpoints and mailboxes that record what they are sent.
final class RecordingDestinations: SNSDestinations {
    let queued = Mutex<[SNSQueueDelivery]>([])
    let invoked = Mutex<[(String, Data)]>([])
    let posted = Mutex<[SNSEndpointRequest]>([])
    let emailed = Mutex<[SNSEmail]>([])
    /// How many of the next POSTs fail (each records the request first).
    let failingPosts = Mutex(0)
    let sendsEmail: Bool

    init(sendsEmail: Bool = false) {
        self.sendsEmail = sendsEmail
    }

    func post(_ request: SNSEndpointRequest) async -> String? {
        posted.withLock { $0.append(request) }
        return failingPosts.withLock { failing in
            guard failing > 0 else { return nil }
            failing -= 1
            return "HTTP 500"
        }
    }

    func send(_ email: SNSEmail) async -> String? {
        emailed.withLock { $0.append(email) }
        return nil
    }

    /// Queues whose ARN ends in `-gone` do not exist.
    func deliverToQueue(_ delivery: SNSQueueDelivery, context: RequestContext) async throws {
        if delivery.queueARN.hasSuffix("-gone") { throw CancellationError() }
        queued.withLock { $0.append(delivery) }
    }

    func invokeFunction(arn: String, payload: Data, context: RequestContext) async throws {
        invoked.withLock { $0.append((arn, payload)) }
    }
}

@Suite struct SNSServiceTests {
    static let context = RequestContext(accountID: "000000000000", region: "us-east-1", requestID: "request",
                                        host: "localhost:4566", receivedAt: Date(timeIntervalSince1970: 0))

    private func service() throws -> (SNSService, RecordingDestinations) {
        let destinations = RecordingDestinations()
        let store = SQLiteSNSStore(database: try SQLiteDatabase.inMemory(name: "sns"))
        return (SNSService(store: store, clock: ManualClock(), ids: CountingIDs(), destinations: destinations), destinations)
    }

    private func error(_ body: () async throws -> Void) async -> AWSServiceError? {
        do { try await body() } catch let error as AWSServiceError { return error } catch { return nil }
        return nil
    }

    @Test func publishFansOutThroughFilterPolicies() async throws {
        let (sns, destinations) = try service()
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "orders"), context: Self.context).topicArn)
        _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "sqs",
                                                       endpoint: "arn:aws:sqs:us-east-1:000000000000:all"), context: Self.context)
        var filtered = SNS.SubscribeInput(topicArn: topic, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:000000000000:big")
        filtered.attributes = ["FilterPolicy": #"{"amount": [{"numeric": [">", 100]}]}"#, "RawMessageDelivery": "true"]
        _ = try await sns.subscribe(filtered, context: Self.context)
        _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "lambda",
                                                       endpoint: "arn:aws:lambda:us-east-1:000000000000:function:f"),
                                    context: Self.context)
        var small = SNS.PublishInput(message: "small")
        small.topicArn = topic
        small.messageAttributes = ["amount": SNS.MessageAttributeValue(dataType: "Number", stringValue: "5")]
        _ = try await sns.publish(small, context: Self.context)
        var large = small
        large.message = "large"
        large.messageAttributes = ["amount": SNS.MessageAttributeValue(dataType: "Number", stringValue: "500")]
        _ = try await sns.publish(large, context: Self.context)
        let queued = destinations.queued.withLock { $0 }
        #expect(queued.map(\.queueARN).map { $0.split(separator: ":").last.map(String.init) ?? "" } == ["all", "all", "big"])
        #expect(queued.last?.body == "large")
        #expect(queued.last?.attributes["amount"] == SNSAttribute(dataType: "Number", stringValue: "500"))
        let envelope = try JSONSerialization.jsonObject(with: Data(queued[0].body.utf8)) as? [String: Any]
        #expect(envelope?["Type"] as? String == "Notification" && envelope?["Message"] as? String == "small")
        #expect(destinations.invoked.withLock { $0.count } == 2)
    }

    @Test func fifoTopicsNeedGroupsAndDeduplicate() async throws {
        let (sns, _) = try service()
        var create = SNS.CreateTopicInput(name: "jobs.fifo")
        create.attributes = ["FifoTopic": "true", "ContentBasedDeduplication": "true"]
        let topic = try #require(try await sns.createTopic(create, context: Self.context).topicArn)
        var publish = SNS.PublishInput(message: "once")
        publish.topicArn = topic
        let missingGroup = await error { _ = try await sns.publish(publish, context: Self.context) }
        #expect(missingGroup?.message == "Invalid parameter: The MessageGroupId parameter is required for FIFO topics")
        publish.messageGroupId = "g"
        let first = try await sns.publish(publish, context: Self.context)
        let again = try await sns.publish(publish, context: Self.context)
        #expect(first.messageId == again.messageId && first.sequenceNumber == again.sequenceNumber)
        #expect(first.sequenceNumber?.count == 20)
    }

    @Test func errorsAsSNSWordsThem() async throws {
        let (sns, _) = try service()
        let bad = await error { _ = try await sns.createTopic(SNS.CreateTopicInput(name: "bad name"), context: Self.context) }
        #expect(bad?.code.code == "InvalidParameter" && bad?.message == "Invalid parameter: Topic Name")
        var publish = SNS.PublishInput(message: "m")
        publish.topicArn = "arn:aws:sns:us-east-1:000000000000:none"
        let missing = await error { _ = try await sns.publish(publish, context: Self.context) }
        #expect(missing?.code.code == "NotFound" && missing?.message == "Topic does not exist")
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "t"), context: Self.context).topicArn)
        var subscribe = SNS.SubscribeInput(topicArn: topic, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:000000000000:q")
        subscribe.attributes = ["FilterPolicy": #"{"a": "b"}"#]
        let policy = await error { _ = try await sns.subscribe(subscribe, context: Self.context) }
        #expect(policy?.code.code == "InvalidParameter")
        let email = await error {
            _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "email", endpoint: "a@b.c"), context: Self.context)
        }
        #expect(email?.message == "Invalid parameter: Stratus sends email only when started with --smtp <host:port> (an SMTP server to hand it to)")
        let push = await error {
            _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "application",
                                                           endpoint: "arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/1"),
                                        context: Self.context)
        }
        #expect(push?.code.code == "NotFound" && push?.message == "Endpoint does not exist")
        let firehose = await error {
            _ = try await sns.subscribe(SNS.SubscribeInput(
                topicArn: topic, protocol: "firehose", endpoint: "arn:aws:firehose:us-east-1:000000000000:deliverystream/s",
                attributes: ["SubscriptionRoleArn": "arn:aws:iam::000000000000:role/r"]), context: Self.context)
        }
        #expect(firehose?.message?.contains("Stratus does not deliver SNS notifications over 'firehose' yet") == true)
    }

    @Test func permissionsEditWhateverPolicyTheTopicHas() async throws {
        let (sns, _) = try service()
        let topic = try #require(try await sns.createTopic(SNS.CreateTopicInput(name: "p"), context: Self.context).topicArn)
        func statementIDs() async throws -> [String] {
            let attributes = try await sns.getTopicAttributes(SNS.GetTopicAttributesInput(topicArn: topic), context: Self.context).attributes
            let policy = try JSONValue.parse(try #require(attributes?["Policy"]))
            guard case .array(let statements)? = policy["Statement"] else { return [] }
            return statements.compactMap { $0["Sid"]?.stringValue }
        }
        // A policy set with a single statement object (not a list), its own version and id kept.
        let single = #"{"Version":"2012-10-17","Id":"mine","Statement":{"Sid":"own","Effect":"Allow","Principal":"*","Action":"SNS:Publish","Resource":"*"}}"#
        try await sns.setTopicAttributes(SNS.SetTopicAttributesInput(topicArn: topic, attributeName: "Policy", attributeValue: single),
                                         context: Self.context)
        try await sns.addPermission(SNS.AddPermissionInput(topicArn: topic, label: "more", awsAccountId: ["111122223333"],
                                                           actionName: ["Receive"]), context: Self.context)
        #expect(try await statementIDs() == ["own", "more"])
        let attributes = try await sns.getTopicAttributes(SNS.GetTopicAttributesInput(topicArn: topic), context: Self.context).attributes
        #expect(attributes?["Policy"]?.hasPrefix(#"{"Version":"2012-10-17","Id":"mine","Statement":[{"Sid":"own""#) == true)
        // Removing every statement leaves the document with an empty list.
        try await sns.removePermission(SNS.RemovePermissionInput(topicArn: topic, label: "own"), context: Self.context)
        try await sns.removePermission(SNS.RemovePermissionInput(topicArn: topic, label: "more"), context: Self.context)
        #expect(try await statementIDs() == [])
        // A policy that is not JSON is replaced by a document holding only the new statement.
        try await sns.setTopicAttributes(SNS.SetTopicAttributesInput(topicArn: topic, attributeName: "Policy", attributeValue: "not json"),
                                         context: Self.context)
        try await sns.addPermission(SNS.AddPermissionInput(topicArn: topic, label: "fresh", awsAccountId: ["111122223333"],
                                                           actionName: ["Publish"]), context: Self.context)
        #expect(try await statementIDs() == ["fresh"])
        let empty = await error {
            try await sns.addPermission(SNS.AddPermissionInput(topicArn: topic, label: "none", awsAccountId: [], actionName: ["Publish"]),
                                        context: Self.context)
        }
        #expect(empty?.code.code == "InvalidParameter" && empty?.message == "Invalid parameter: AWSAccountId")
    }
}
