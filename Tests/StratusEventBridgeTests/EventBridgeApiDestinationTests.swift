import Foundation
import StratusAPIEventBridge
@testable import StratusEventBridge
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// A rule's event reaches an API destination as one HTTP call built from the destination, its connection and the
/// target's HTTP parameters.
@Suite struct EventBridgeApiDestinationTests {
    static let context = EventBridgeServiceTests.context

    @Test func theCallCarriesTheConnectionsAuthorizationAndBothSetsOfParameters() async throws {
        let targets = RecordingTargets()
        let store = SQLiteEventBridgeStore(database: try SQLiteDatabase.inMemory(name: "events"))
        let events = EventBridgeService(store: store, clock: ManualClock(), ids: CountingIDs(), targets: targets)
        var auth = EventBridge.CreateConnectionAuthRequestParameters()
        auth.apiKeyAuthParameters = EventBridge.CreateConnectionApiKeyAuthRequestParameters(apiKeyName: "X-Key", apiKeyValue: "v")
        auth.invocationHttpParameters = EventBridge.ConnectionHttpParameters(
            queryStringParameters: [EventBridge.ConnectionQueryStringParameter(key: "a b", value: "c&d")])
        let connection = try #require(try await events.createConnection(
            EventBridge.CreateConnectionRequest(name: "partner", authorizationType: "API_KEY", authParameters: auth),
            context: Self.context).connectionArn)
        let destination = try #require(try await events.createApiDestination(
            EventBridge.CreateApiDestinationRequest(name: "hook", connectionArn: connection,
                                                    invocationEndpoint: "http://localhost:9/items/*", httpMethod: "POST"),
            context: Self.context).apiDestinationArn)
        var rule = EventBridge.PutRuleRequest(name: "orders")
        rule.eventPattern = #"{"source": ["shop"]}"#
        _ = try await events.putRule(rule, context: Self.context)
        var target = EventBridge.Target(id: "hook", arn: destination)
        target.input = #"{"fixed": true}"#
        target.httpParameters = EventBridge.HttpParameters(pathParameterValues: ["i-1"], headerParameters: ["X-Trace": "t"])
        _ = try await events.putTargets(EventBridge.PutTargetsRequest(rule: "orders", targets: [target]), context: Self.context)

        var entry = EventBridge.PutEventsRequestEntry()
        (entry.source, entry.detailType, entry.detail) = ("shop", "Order", "{}")
        _ = try await events.putEvents(EventBridge.PutEventsRequest(entries: [entry]), context: Self.context)

        let call = try #require(targets.calls.withLock { $0.first })
        #expect(call.method == "POST" && call.url == "http://localhost:9/items/i-1?a%20b=c%26d")
        #expect(call.body == #"{"fixed": true}"#)
        #expect(call.headers.map(\.name) == ["Content-Type", "X-Trace", "X-Key"])
        #expect(call.headers.last?.value == "v")
    }
}
