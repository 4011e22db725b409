import Foundation
import StratusAPIEventBridge
@testable import StratusEventBridge
import StratusServiceKit
import StratusJSON
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// Rules that send events to other event buses.
@Suite struct EventBridgeBusTargetTests {
    static let context = EventBridgeServiceTests.context
    static let queue = "arn:aws:sqs:us-east-1:000000000000:q"
    static let defaultBus = "arn:aws:events:us-east-1:000000000000:event-bus/default"
    static let ordersBus = "arn:aws:events:us-east-1:000000000000:event-bus/orders"

    private func service() async throws -> (EventBridgeService, RecordingTargets) {
        let targets = RecordingTargets()
        let store = SQLiteEventBridgeStore(database: try SQLiteDatabase.inMemory(name: "events"))
        let events = EventBridgeService(store: store, clock: ManualClock(), ids: CountingIDs(), targets: targets)
        _ = try await events.createEventBus(EventBridge.CreateEventBusRequest(name: "orders"), context: Self.context)
        return (events, targets)
    }

    private func rule(_ events: EventBridgeService, _ name: String, on bus: String?, to targets: [EventBridge.Target])
        async throws -> EventBridge.PutTargetsResponse
    {
        var rule = EventBridge.PutRuleRequest(name: name)
        rule.eventPattern = #"{"source": ["shop"]}"#
        rule.eventBusName = bus
        _ = try await events.putRule(rule, context: Self.context)
        return try await events.putTargets(
            EventBridge.PutTargetsRequest(rule: name, eventBusName: bus, targets: targets), context: Self.context)
    }

    private func put(_ events: EventBridgeService) async throws -> String? {
        var entry = EventBridge.PutEventsRequestEntry()
        (entry.source, entry.detailType, entry.detail) = ("shop", "Order", #"{"n": 1}"#)
        return try await events.putEvents(EventBridge.PutEventsRequest(entries: [entry]), context: Self.context)
            .entries?.first?.eventId
    }

    @Test func anEventBusTargetGetsTheEventAsItIs() async throws {
        let (events, targets) = try await service()
        let forwarded = try await rule(events, "forward", on: nil, to: [EventBridge.Target(id: "bus", arn: Self.ordersBus)])
        #expect(forwarded.failedEntryCount == 0)
        _ = try await rule(events, "collect", on: "orders", to: [EventBridge.Target(id: "q", arn: Self.queue)])
        let id = try await put(events)
        let sent = try #require(targets.sent.withLock { $0.first })
        let event = try JSONValue.parse(sent.1)
        #expect(event["id"]?.stringValue == id && event["detail"]?["n"] == .number(1) && event["source"] == "shop")
    }

    @Test func aCycleOfBusesEnds() async throws {
        let (events, targets) = try await service()
        _ = try await rule(events, "there", on: nil, to: [
            EventBridge.Target(id: "bus", arn: Self.ordersBus), EventBridge.Target(id: "q", arn: Self.queue),
        ])
        _ = try await rule(events, "back", on: "orders", to: [EventBridge.Target(id: "bus", arn: Self.defaultBus)])
        _ = try await put(events)
        // default (0) → orders (1) → default (2) → orders (3) → default (4) → orders (5): no further.
        #expect(targets.sent.withLock { $0.count } == 3)
    }

    @Test func aMissingBusSendsTheEventToTheDeadLetterQueueAndInputsAreRefused() async throws {
        let (events, targets) = try await service()
        var target = EventBridge.Target(id: "bus", arn: "arn:aws:events:us-east-1:000000000000:event-bus/missing")
        target.deadLetterConfig = EventBridge.DeadLetterConfig(arn: "arn:aws:sqs:us-east-1:000000000000:dlq")
        _ = try await rule(events, "lost", on: nil, to: [target])
        _ = try await put(events)
        #expect(targets.attributes.withLock { $0.first?["ERROR_CODE"] } == "NO_RESOURCE")

        var transformed = EventBridge.Target(id: "bus", arn: Self.ordersBus)
        transformed.input = "{}"
        let refused = await #expect(throws: AWSServiceError.self) {
            _ = try await rule(events, "shaped", on: nil, to: [transformed])
        }
        #expect(refused?.code.code == "ValidationException")
    }
}
