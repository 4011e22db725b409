import Foundation
import StratusAPISNS
import StratusConsole
import StratusServiceKit
import StratusSNS
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Synchronization

/// A console over a real SNS service on an in-memory SQLite store, reached in-process like the server reaches it,
/// with helpers creating topics and subscriptions through the service. Deliveries go to ``Deliveries``, which records
/// them (queue messages and Lambda invocations succeed; HTTP and email subscriptions stay pending confirmation).
struct ConsoleSNSFixture: ConsoleRequesting {
    /// Destinations that record what SNS delivers instead of reaching SQS, Lambda, HTTP endpoints or SMTP.
    final class Deliveries: SNSDestinations {
        /// Messages handed to SQS queues, in order.
        let queued = Mutex<[SNSQueueDelivery]>([])
        /// Lambda invocations (function ARN, payload), in order.
        let invoked = Mutex<[(String, Data)]>([])
        /// Email is "configured", so email subscriptions can be made (they stay pending).
        let sendsEmail = true

        /// Accepts every POST (a subscription confirmation request is not confirmed by it).
        func post(_ request: SNSEndpointRequest) async -> String? { nil }
        /// Accepts every email.
        func send(_ email: SNSEmail) async -> String? { nil }
        /// Records the queue message.
        func deliverToQueue(_ delivery: SNSQueueDelivery, context: RequestContext) async throws {
            queued.withLock { $0.append(delivery) }
        }
        /// Records the invocation.
        func invokeFunction(arn: String, payload: Data, context: RequestContext) async throws {
            invoked.withLock { $0.append((arn, payload)) }
        }
    }

    /// The real SNS service the console calls.
    let service: SNSService
    /// What the service delivered.
    let deliveries: Deliveries
    /// The console under test, over ``service``.
    let console: ConsoleEndpoints

    /// The caller of the fixture's own calls (the console's default account and region).
    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: host,
        receivedAt: Date(timeIntervalSince1970: 0))

    /// A fresh service on an empty in-memory store and a console over it.
    init() throws {
        let clock = ManualClock()
        deliveries = Deliveries()
        let store = SQLiteSNSStore(database: try SQLiteDatabase.inMemory(name: "sns"))
        service = SNSService(store: store, clock: clock, ids: CountingIDs(prefix: "sns-"), destinations: deliveries)
        console = ConsoleEndpoints(invoker: HandlerServiceInvoker(handlers: [service]), clock: clock,
                                   requestIDs: CountingIDs(prefix: "console-"))
    }

    /// Creates the topic `name` with `attributes` and `tags` through the service; answers its ARN.
    @discardableResult
    func createTopic(_ name: String, attributes: [String: String]? = nil, tags: [String: String]? = nil) async throws
        -> String
    {
        var input = SNS.CreateTopicInput(name: name)
        input.attributes = attributes
        input.tags = tags.map { $0.map { SNS.Tag(key: $0.key, value: $0.value) } }
        return try await service.createTopic(input, context: Self.context).topicArn ?? ""
    }

    /// Subscribes `endpoint` over `protocol` to `topic` with `attributes`; answers the subscription ARN
    /// (`ReturnSubscriptionArn`, so a pending subscription's ARN too).
    @discardableResult
    func subscribe(_ topic: String, _ kind: String, _ endpoint: String, attributes: [String: String]? = nil)
        async throws -> String
    {
        var input = SNS.SubscribeInput(topicArn: topic, protocol: kind, endpoint: endpoint)
        input.attributes = attributes
        input.returnSubscriptionArn = true
        return try await service.subscribe(input, context: Self.context).subscriptionArn ?? ""
    }

    /// Deletes the topic through the service.
    func deleteTopic(_ arn: String) async throws {
        try await service.deleteTopic(SNS.DeleteTopicInput(topicArn: arn), context: Self.context)
    }
}
