import Foundation
import StratusAPIEventBridge
import StratusConsole
import StratusEventBridge
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Synchronization

/// A console over a real EventBridge service on an in-memory SQLite store, reached in-process like the server reaches
/// it, with helpers creating buses, rules and targets through the service. Matched events go to ``Deliveries``, which
/// accepts SQS, SNS, Lambda and Step Functions targets and records what each is sent.
struct ConsoleEventBridgeFixture: ConsoleRequesting {
    /// Targets that record the events EventBridge sends instead of reaching the other services.
    final class Deliveries: EventBridgeTargets {
        /// (target id, input) of every delivery, in order.
        let sent = Mutex<[(String, String)]>([])

        /// SQS queues, SNS topics, Lambda functions and state machines.
        func supports(arn: String) -> Bool {
            ["arn:aws:sqs:", "arn:aws:sns:", "arn:aws:lambda:", "arn:aws:states:"].contains { arn.hasPrefix($0) }
        }
        /// Records the delivery.
        func deliver(_ input: String, to target: EventBridge.Target, attributes: [String: String], context: RequestContext)
            async throws
        {
            sent.withLock { $0.append((target.id, input)) }
        }
        /// No API destinations are used: every call is answered 200 with an empty object.
        func call(_ request: EventBridgeHTTPRequest) async throws -> EventBridgeHTTPResponse {
            EventBridgeHTTPResponse(status: 200, body: "{}")
        }
    }

    /// The real EventBridge service the console calls.
    let service: EventBridgeService
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
        let store = SQLiteEventBridgeStore(database: try SQLiteDatabase.inMemory(name: "events"))
        service = EventBridgeService(store: store, clock: clock, ids: CountingIDs(prefix: "events-"), targets: deliveries)
        console = ConsoleEndpoints(invoker: HandlerServiceInvoker(handlers: [service]), clock: clock,
                                   requestIDs: CountingIDs(prefix: "console-"))
    }

    /// Creates the custom bus `name` through the service; answers its ARN.
    @discardableResult
    func createBus(_ name: String, description: String? = nil) async throws -> String {
        var input = EventBridge.CreateEventBusRequest(name: name)
        input.description = description
        return try await service.createEventBus(input, context: Self.context).eventBusArn ?? ""
    }

    /// Puts the rule `name` on `bus` (the default bus when nil) with a pattern or a schedule; answers its ARN.
    @discardableResult
    func putRule(_ name: String, bus: String? = nil, pattern: String? = nil, schedule: String? = nil,
                 state: EventBridge.RuleState? = nil, description: String? = nil, tags: [String: String]? = nil)
        async throws -> String
    {
        var input = EventBridge.PutRuleRequest(name: name)
        input.eventBusName = bus
        input.eventPattern = pattern
        input.scheduleExpression = schedule
        input.state = state
        input.description = description
        input.tags = tags.map { $0.map { EventBridge.Tag(key: $0.key, value: $0.value) } }
        return try await service.putRule(input, context: Self.context).ruleArn ?? ""
    }

    /// Adds `targets` to the rule `rule` of `bus`.
    func putTargets(_ rule: String, bus: String? = nil, _ targets: [EventBridge.Target]) async throws {
        var input = EventBridge.PutTargetsRequest(rule: rule, targets: targets)
        input.eventBusName = bus
        let answer = try await service.putTargets(input, context: Self.context)
        precondition(answer.failedEntryCount ?? 0 == 0, "targets refused: \(String(describing: answer.failedEntries))")
    }

    /// Deletes the rule `rule` of `bus` (its targets must be removed first).
    func deleteRule(_ rule: String, bus: String? = nil) async throws {
        var input = EventBridge.DeleteRuleRequest(name: rule)
        input.eventBusName = bus
        try await service.deleteRule(input, context: Self.context)
    }
}
