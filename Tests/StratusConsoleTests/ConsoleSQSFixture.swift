import Foundation
import HTTPTypes
import StratusAPISQS
import StratusConsole
import StratusJSON
import StratusServiceKit
import StratusSQS
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting

/// A console over a real SQS service on an in-memory SQLite store, reached in-process like the server reaches it,
/// with helpers creating, tagging, filling and receiving from queues through the service. Every request (the
/// fixture's and the console's) addresses `localhost:4566`, so queue URLs are the same on both sides.
struct ConsoleSQSFixture: ConsoleRequesting {
    let service: SQSService
    let clock: ManualClock
    let console: ConsoleEndpoints

    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: host,
        receivedAt: Date(timeIntervalSince1970: 0))

    init() throws {
        clock = ManualClock()
        let store = SQLiteSQSStore(database: try SQLiteDatabase.inMemory(name: "sqs"))
        service = SQSService(store: store, clock: clock, ids: CountingIDs(prefix: "sqs-"))
        console = ConsoleEndpoints(invoker: HandlerServiceInvoker(handlers: [service]), clock: clock,
                                   requestIDs: CountingIDs(prefix: "console-"))
    }

    /// Creates the queue `name` with `attributes` and `tags` through the service; answers its URL.
    @discardableResult
    func createQueue(_ name: String, attributes: [String: String]? = nil, tags: [String: String]? = nil) async throws
        -> String
    {
        let result = try await service.createQueue(
            SQS.CreateQueueRequest(queueName: name, attributes: attributes, tags: tags), context: Self.context)
        return result.queueUrl ?? ""
    }

    /// Sends `body` to `url` through the service.
    func send(_ url: String, _ body: String, delaySeconds: Int? = nil) async throws {
        _ = try await service.sendMessage(
            SQS.SendMessageRequest(queueUrl: url, messageBody: body, delaySeconds: delaySeconds), context: Self.context)
    }

    /// Receives up to `count` messages of `url` through the service (they go in flight).
    func receive(_ url: String, count: Int = 10) async throws -> [SQS.Message] {
        try await service.receiveMessage(
            SQS.ReceiveMessageRequest(queueUrl: url, maxNumberOfMessages: count), context: Self.context).messages ?? []
    }

    /// The queue's attribute `name` as the service answers it.
    func attribute(_ url: String, _ name: String) async throws -> String? {
        try await service.getQueueAttributes(
            SQS.GetQueueAttributesRequest(queueUrl: url, attributeNames: [name]), context: Self.context).attributes?[name]
    }
}
