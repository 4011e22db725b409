import Foundation
import HTTPTypes
import StratusAPISNS
import StratusConsole
import StratusJSON
import StratusSNS
import Synchronization
import Testing

/// The console's SNS routes answer what `ListTopics`, `GetTopicAttributes`, `ListTagsForResource`,
/// `ListSubscriptionsByTopic`, `GetSubscriptionAttributes` and `Publish` answer in-process.
@Suite struct ConsoleSNSTests {
    /// Where the routes under test are.
    static let api = "/_stratus/console/api/sns"
    /// A queue ARN used as an endpoint or target (the fixture records deliveries to it).
    static let queueArn = "arn:aws:sqs:us-east-1:000000000000:inbox"

    @Test func listsTopicsWithTheirAttributes() async throws {
        let fixture = try ConsoleSNSFixture()
        let empty = await fixture.request(.get, "\(Self.api)/topics")
        #expect(empty.status == .ok)
        #expect(empty.headerFields[.contentType] == "application/json")
        #expect(try ConsoleSNSFixture.json(empty) == ["topics": [], "truncated": false])

        let orders = try await fixture.createTopic("orders", attributes: ["DisplayName": "Orders"])
        let jobs = try await fixture.createTopic("jobs.fifo", attributes: ["FifoTopic": "true"])
        try await fixture.subscribe(orders, "sqs", Self.queueArn)
        try await fixture.subscribe(orders, "http", "http://127.0.0.1:9/hook")

        let body = try ConsoleSNSFixture.json(await fixture.request(.get, "\(Self.api)/topics"))
        #expect(body["truncated"] == false)
        let topics = body["topics"]?.arrayValue ?? []
        #expect(topics.compactMap { $0["topicArn"]?.stringValue }.sorted() == [jobs, orders].sorted())
        let listed = try #require(topics.first { $0["topicArn"]?.stringValue == orders })
        #expect(listed["name"] == "orders")
        #expect(listed["attributes"]?["TopicArn"]?.stringValue == orders)
        #expect(listed["attributes"]?["DisplayName"] == "Orders")
        #expect(listed["attributes"]?["SubscriptionsConfirmed"] == "1")
        #expect(listed["attributes"]?["SubscriptionsPending"] == "1")
        let names = listed["attributes"]?.objectValue?.map(\.key) ?? []
        #expect(names == names.sorted())
        let fifo = try #require(topics.first { $0["topicArn"]?.stringValue == jobs })
        #expect(fifo["name"] == "jobs.fifo")
        #expect(fifo["attributes"]?["FifoTopic"] == "true")
    }

    @Test func listsEveryPageOfTopics() async throws {
        let fixture = try ConsoleSNSFixture()
        for index in 0..<105 { try await fixture.createTopic("topic-\(index)") }
        let body = try ConsoleSNSFixture.json(await fixture.request(.get, "\(Self.api)/topics"))
        #expect(body["topics"]?.arrayValue?.count == 105)
        #expect(body["truncated"] == false)
    }

    @Test func describesATopicWithTagsAndSubscriptions() async throws {
        let fixture = try ConsoleSNSFixture()
        let topic = try await fixture.createTopic("orders", tags: ["team": "ml", "stage": "dev"])
        let policy = #"{"kind":["big"]}"#
        let queue = try await fixture.subscribe(topic, "sqs", Self.queueArn,
                                                attributes: ["FilterPolicy": policy, "RawMessageDelivery": "true"])
        try await fixture.subscribe(topic, "http", "http://127.0.0.1:9/hook")
        try await fixture.subscribe(topic, "email", "someone@example.com")

        let response = await fixture.request(.get, "\(Self.api)/topic?arn=\(ConsoleSNSFixture.encoded(topic))")
        #expect(response.status == .ok)
        let body = try ConsoleSNSFixture.json(response)
        #expect(body["topicArn"]?.stringValue == topic)
        #expect(body["name"] == "orders")
        #expect(body["attributes"]?["SubscriptionsConfirmed"] == "1")
        #expect(body["attributes"]?["SubscriptionsPending"] == "2")
        #expect(body["tags"] == [["Key": "stage", "Value": "dev"], ["Key": "team", "Value": "ml"]])
        #expect(body["subscriptionsTruncated"] == false)
        let subscriptions = body["subscriptions"]?.arrayValue ?? []
        #expect(subscriptions.count == 3)
        let sqs = try #require(subscriptions.first { $0["Protocol"] == "sqs" })
        #expect(sqs["SubscriptionArn"]?.stringValue == queue)
        #expect(sqs["Endpoint"]?.stringValue == Self.queueArn)
        #expect(sqs["TopicArn"]?.stringValue == topic)
        #expect(sqs["attributes"]?["FilterPolicy"]?.stringValue == policy)
        #expect(sqs["attributes"]?["RawMessageDelivery"] == "true")
        #expect(sqs["attributes"]?["PendingConfirmation"] == "false")
        #expect(sqs["attributes"]?["SubscriptionArn"]?.stringValue == queue)
        for kind in ["http", "email"] {
            let pending = try #require(subscriptions.first { $0["Protocol"]?.stringValue == kind })
            #expect(pending["SubscriptionArn"] == "PendingConfirmation")
            #expect(pending["attributes"] == nil)
        }
    }

    @Test func anUnknownTopicIsTheServicesError() async throws {
        let fixture = try ConsoleSNSFixture()
        let arn = "arn:aws:sns:us-east-1:000000000000:missing"
        let response = await fixture.request(.get, "\(Self.api)/topic?arn=\(ConsoleSNSFixture.encoded(arn))")
        #expect(response.status == .notFound)
        let body = try ConsoleSNSFixture.json(response)
        #expect(body["error"] == "NotFound")
        #expect(body["message"]?.stringValue?.isEmpty == false)

        let publish = await fixture.request(.post, "\(Self.api)/publish", json: #"{"topicArn":"\#(arn)","message":"x"}"#)
        #expect(publish.status == .notFound)
        #expect(try ConsoleSNSFixture.json(publish)["error"] == "NotFound")
    }

    @Test func publishesToAStandardTopic() async throws {
        let fixture = try ConsoleSNSFixture()
        let topic = try await fixture.createTopic("orders")
        try await fixture.subscribe(topic, "sqs", Self.queueArn, attributes: ["RawMessageDelivery": "true"])
        let request = #"{"topicArn":"\#(topic)","message":"hello","subject":"Greeting","messageGroupId":"","messageAttributes":{"kind":"big"}}"#
        let response = await fixture.request(.post, "\(Self.api)/publish", json: request)
        #expect(response.status == .ok)
        let body = try ConsoleSNSFixture.json(response)
        let messageId = try #require(body["MessageId"]?.stringValue)
        #expect(!messageId.isEmpty)
        #expect(body["SequenceNumber"] == nil)
        let queued = fixture.deliveries.queued.withLock { $0 }
        #expect(queued.count == 1)
        #expect(queued.first?.queueARN == Self.queueArn)
        #expect(queued.first?.body == "hello")
        #expect(queued.first?.attributes["kind"] == SNSAttribute(dataType: "String", stringValue: "big"))
    }

    @Test func publishesToAFIFOTopicWithItsGroup() async throws {
        let fixture = try ConsoleSNSFixture()
        let topic = try await fixture.createTopic("jobs.fifo", attributes: ["FifoTopic": "true"])
        let missingGroup = await fixture.request(.post, "\(Self.api)/publish", json: #"{"topicArn":"\#(topic)","message":"m"}"#)
        #expect(missingGroup.status == .badRequest)
        #expect(try ConsoleSNSFixture.json(missingGroup)["error"] == "InvalidParameter")

        let request = #"{"topicArn":"\#(topic)","message":"m","messageGroupId":"g","messageDeduplicationId":"d1"}"#
        let first = try ConsoleSNSFixture.json(await fixture.request(.post, "\(Self.api)/publish", json: request))
        let again = try ConsoleSNSFixture.json(await fixture.request(.post, "\(Self.api)/publish", json: request))
        #expect(first["MessageId"]?.stringValue != nil)
        #expect(first["SequenceNumber"]?.stringValue?.count == 20)
        #expect(first == again)
    }

    @Test func refusesBadRequests() async throws {
        let fixture = try ConsoleSNSFixture()
        let topic = try await fixture.createTopic("orders")
        let cases: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
            (.get, "/topic", nil, .badRequest, "ValidationException"),
            (.get, "/topic?arn=", nil, .badRequest, "ValidationException"),
            (.post, "/publish", #"{"message":"x"}"#, .badRequest, "ValidationException"),
            (.post, "/publish", #"{"topicArn":"\#(topic)"}"#, .badRequest, "ValidationException"),
            (.post, "/publish", #"{"topicArn":"\#(topic)","message":"x","subject":5}"#, .badRequest, "ValidationException"),
            (.post, "/publish", #"{"topicArn":"\#(topic)","message":"x","messageAttributes":{"n":5}}"#, .badRequest,
             "ValidationException"),
            (.post, "/publish", #"{"topicArn":"\#(topic)","message":"x","messageAttributes":[]}"#, .badRequest,
             "ValidationException"),
            (.post, "/publish", "[]", .badRequest, "ValidationException"),
            (.get, "/subscriptions", nil, .notFound, "NotFound"),
        ]
        for (method, path, body, status, code) in cases {
            let response = await fixture.request(method, Self.api + path, json: body)
            #expect(response.status == status, "\(method) \(path)")
            #expect(try ConsoleSNSFixture.json(response)["error"]?.stringValue == code, "\(method) \(path)")
        }
        let form = await fixture.request(.post, "\(Self.api)/publish", json: #"{"topicArn":"\#(topic)","message":"x"}"#,
                                         contentType: "text/plain")
        #expect(form.status == .unsupportedMediaType)
        #expect(fixture.deliveries.queued.withLock { $0.isEmpty })
    }

    @Test func wrongMethodsAreRefusedWithAllow() async throws {
        let fixture = try ConsoleSNSFixture()
        for (method, path, allowed) in [(HTTPRequest.Method.post, "/topics", "GET"), (.delete, "/topic", "GET"),
                                        (.get, "/publish", "POST")] {
            let response = await fixture.request(method, Self.api + path, json: method == .post ? "{}" : nil)
            #expect(response.status == .methodNotAllowed, "\(method) \(path)")
            #expect(response.headerFields[.allow] == allowed)
        }
    }
}
