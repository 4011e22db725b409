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
        // PutEvents queued the call; the worker makes it.
        #expect(targets.calls.withLock { $0.isEmpty })
        for call in await events.claimDueCalls(limit: 10) { await events.attempt(call) }

        let call = try #require(targets.calls.withLock { $0.first })
        #expect(call.method == "POST" && call.url == "http://localhost:9/items/i-1?a%20b=c%26d")
        #expect(call.body == #"{"fixed": true}"#)
        #expect(call.headers.map(\.name) == ["Content-Type", "X-Trace", "X-Key"])
        #expect(call.headers.last?.value == "v")
    }

    /// A service with a connection, an API destination and rule `orders` sending to it with `retryPolicy` and an
    /// SQS dead-letter queue; the clock and the recording targets.
    private func destinationRule(retryPolicy: EventBridge.RetryPolicy?, rateLimit: Int? = nil) async throws
        -> (EventBridgeService, RecordingTargets, ManualClock)
    {
        let targets = RecordingTargets()
        let clock = ManualClock()
        let store = SQLiteEventBridgeStore(database: try SQLiteDatabase.inMemory(name: "events"))
        let events = EventBridgeService(store: store, clock: clock, ids: CountingIDs(), targets: targets)
        var auth = EventBridge.CreateConnectionAuthRequestParameters()
        auth.apiKeyAuthParameters = EventBridge.CreateConnectionApiKeyAuthRequestParameters(apiKeyName: "X-Key", apiKeyValue: "v")
        let connection = try #require(try await events.createConnection(
            EventBridge.CreateConnectionRequest(name: "partner", authorizationType: "API_KEY", authParameters: auth),
            context: Self.context).connectionArn)
        var create = EventBridge.CreateApiDestinationRequest(
            name: "hook", connectionArn: connection, invocationEndpoint: "http://localhost:9/hook", httpMethod: "POST")
        create.invocationRateLimitPerSecond = rateLimit
        let destination = try #require(try await events.createApiDestination(create, context: Self.context).apiDestinationArn)
        var rule = EventBridge.PutRuleRequest(name: "orders")
        rule.eventPattern = #"{"source": ["shop"]}"#
        _ = try await events.putRule(rule, context: Self.context)
        var target = EventBridge.Target(id: "hook", arn: destination)
        target.retryPolicy = retryPolicy
        target.deadLetterConfig = EventBridge.DeadLetterConfig(arn: "arn:aws:sqs:us-east-1:000000000000:dlq")
        _ = try await events.putTargets(EventBridge.PutTargetsRequest(rule: "orders", targets: [target]), context: Self.context)
        var entry = EventBridge.PutEventsRequestEntry()
        (entry.source, entry.detailType, entry.detail) = ("shop", "Order", "{}")
        _ = try await events.putEvents(EventBridge.PutEventsRequest(entries: [entry]), context: Self.context)
        return (events, targets, clock)
    }

    /// Runs the calls due now; answers how many there were.
    private func runDue(_ events: EventBridgeService) async -> Int {
        let due = await events.claimDueCalls(limit: 10)
        for call in due { await events.attempt(call) }
        return due.count
    }

    @Test func retriedAnswersAreTriedAgainWithGrowingDelaysUntilTheRetriesAreSpent() async throws {
        let (events, targets, clock) = try await destinationRule(retryPolicy: EventBridge.RetryPolicy(maximumRetryAttempts: 2))
        targets.answer.withLock { $0 = EventBridgeHTTPResponse(status: 503, body: "busy") }
        #expect(await runDue(events) == 1)
        #expect(await runDue(events) == 0)  // due again in 1 s
        clock.advance(seconds: 1)
        #expect(await runDue(events) == 1)
        clock.advance(seconds: 1)
        #expect(await runDue(events) == 0)  // then in 2 s
        clock.advance(seconds: 1)
        #expect(await runDue(events) == 1)
        #expect(targets.calls.withLock { $0.count } == 3)
        let deadLetter = try #require(targets.attributes.withLock { $0.last })
        #expect(deadLetter["RETRY_ATTEMPTS"] == "2" && deadLetter["EXHAUSTED_RETRY_CONDITION"] == "MaximumRetryAttemptsExhausted")
        #expect(deadLetter["ERROR_CODE"] == "ERROR_FROM_TARGET" && deadLetter["ERROR_MESSAGE"]?.contains("HTTP 503") == true)
        clock.advance(seconds: 60)
        #expect(await runDue(events) == 0)
    }

    @Test func otherClientErrorsGoToTheDeadLetterQueueAtOnceAndSuccessEndsTheCall() async throws {
        let (events, targets, clock) = try await destinationRule(retryPolicy: nil)
        targets.answer.withLock { $0 = EventBridgeHTTPResponse(status: 404, body: "no") }
        #expect(await runDue(events) == 1)
        let deadLetter = try #require(targets.attributes.withLock { $0.last })
        #expect(deadLetter["RETRY_ATTEMPTS"] == "0" && deadLetter["EXHAUSTED_RETRY_CONDITION"] == nil)

        targets.answer.withLock { $0 = EventBridgeHTTPResponse(status: 429, body: "slow down") }
        var entry = EventBridge.PutEventsRequestEntry()
        (entry.source, entry.detailType, entry.detail) = ("shop", "Order", "{}")
        _ = try await events.putEvents(EventBridge.PutEventsRequest(entries: [entry]), context: Self.context)
        #expect(await runDue(events) == 1)
        targets.answer.withLock { $0 = EventBridgeHTTPResponse(status: 200, body: "{}") }
        clock.advance(seconds: 1)
        #expect(await runDue(events) == 1)
        clock.advance(seconds: 120)
        #expect(await runDue(events) == 0)
        #expect(targets.sent.withLock { $0.count } == 1)  // only the 404's dead letter
    }

    @Test func anEventTooOldForItsPolicyIsGivenUp() async throws {
        let (events, targets, clock) = try await destinationRule(
            retryPolicy: EventBridge.RetryPolicy(maximumEventAgeInSeconds: 60))
        targets.answer.withLock { $0 = EventBridgeHTTPResponse(status: 500, body: "down") }
        let start = clock.now()
        var rounds = 0
        while targets.attributes.withLock({ $0.isEmpty }) && rounds < 20 {
            _ = await runDue(events)
            clock.advance(seconds: 30)
            rounds += 1
        }
        let deadLetter = try #require(targets.attributes.withLock { $0.last })
        #expect(deadLetter["EXHAUSTED_RETRY_CONDITION"] == "MaximumEventAgeExhausted")
        #expect(clock.now().timeIntervalSince(start) <= 90)
    }

    @Test func callsOverTheDestinationsRateLimitWaitWithoutCountingAnAttempt() async throws {
        let (events, targets, clock) = try await destinationRule(
            retryPolicy: EventBridge.RetryPolicy(maximumRetryAttempts: 0), rateLimit: 1)
        targets.answer.withLock { $0 = EventBridgeHTTPResponse(status: 200, body: "{}") }
        var entry = EventBridge.PutEventsRequestEntry()
        (entry.source, entry.detailType, entry.detail) = ("shop", "Order", "{}")
        _ = try await events.putEvents(EventBridge.PutEventsRequest(entries: [entry, entry]), context: Self.context)
        #expect(await runDue(events) == 3)
        #expect(targets.calls.withLock { $0.count } == 1)  // one call a second
        #expect(await runDue(events) == 0)
        clock.advance(seconds: 1)
        #expect(await runDue(events) == 2)
        #expect(targets.calls.withLock { $0.count } == 2)
        clock.advance(seconds: 1)
        #expect(await runDue(events) == 1)
        #expect(targets.calls.withLock { $0.count } == 3)
        // Held back three times in all, yet no retry was spent (the policy allows none) and nothing was dead-lettered.
        #expect(targets.attributes.withLock { $0.isEmpty })
    }

    @Test func aBucketRefillsAtTheLimitAndHoldsOneSecondOfCalls() {
        let limiter = EventBridgeRateLimiter()
        #expect(limiter.reserve("d", perSecond: 2, at: 0) == 0)
        #expect(limiter.reserve("d", perSecond: 2, at: 0) == 0)
        #expect(limiter.reserve("d", perSecond: 2, at: 0) == 500)
        #expect(limiter.reserve("other", perSecond: 2, at: 0) == 0)  // buckets are per destination
        #expect(limiter.reserve("d", perSecond: 2, at: 100) == 400)
        #expect(limiter.reserve("d", perSecond: 2, at: 500) == 0)
        // After a long pause the bucket holds one second's worth, not more.
        #expect(limiter.reserve("d", perSecond: 2, at: 60_000) == 0)
        #expect(limiter.reserve("d", perSecond: 2, at: 60_000) == 0)
        #expect(limiter.reserve("d", perSecond: 2, at: 60_000) == 500)
        // A raised limit applies from the next call.
        #expect(limiter.reserve("d", perSecond: 10, at: 60_100) == 0)
    }
}
