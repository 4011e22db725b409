import Foundation
import StratusAPIEventBridge
@testable import StratusEventBridge
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// Targets that accept queues and record what they are sent.
final class RecordingTargets: EventBridgeTargets {
    let sent = Mutex<[(String, String)]>([])
    /// The attributes each delivery carried, in order.
    let attributes = Mutex<[[String: String]]>([])
    func supports(arn: String) -> Bool { arn.hasPrefix("arn:aws:sqs:") }
    func deliver(_ input: String, to target: EventBridge.Target, attributes: [String: String], context: RequestContext)
        async throws
    {
        sent.withLock { $0.append((target.id, input)) }
        self.attributes.withLock { $0.append(attributes) }
    }
    /// The HTTP calls made, in order; each answered by `answer`.
    let calls = Mutex<[EventBridgeHTTPRequest]>([])
    let answer = Mutex(EventBridgeHTTPResponse(status: 200, body: #"{"access_token": "token-1"}"#))
    func call(_ request: EventBridgeHTTPRequest) async throws -> EventBridgeHTTPResponse {
        calls.withLock { $0.append(request) }
        return answer.withLock { $0 }
    }
}

@Suite struct EventBridgeServiceTests {
    static let context = RequestContext(accountID: "000000000000", region: "us-east-1", requestID: "request",
                                        host: "localhost:4566", receivedAt: Date(timeIntervalSince1970: 0))

    private func service() throws -> (EventBridgeService, RecordingTargets) {
        let targets = RecordingTargets()
        let store = SQLiteEventBridgeStore(database: try SQLiteDatabase.inMemory(name: "events"))
        return (EventBridgeService(store: store, clock: ManualClock(), ids: CountingIDs(), targets: targets), targets)
    }

    @Test func matchingEventsReachTheirTargetsTransformed() async throws {
        let (events, targets) = try service()
        var rule = EventBridge.PutRuleRequest(name: "uploads")
        rule.eventPattern = #"{"source": ["aws.s3"], "detail": {"object": {"key": [{"prefix": "in/"}]}}}"#
        _ = try await events.putRule(rule, context: Self.context)
        var whole = EventBridge.Target(id: "whole", arn: "arn:aws:sqs:us-east-1:000000000000:q")
        whole.inputPath = "$.detail.object"
        var shaped = EventBridge.Target(id: "shaped", arn: "arn:aws:sqs:us-east-1:000000000000:q")
        shaped.inputTransformer = EventBridge.InputTransformer(inputPathsMap: ["key": "$.detail.object.key"],
                                                               inputTemplate: #"{"file": <key>, "rule": "<aws.events.rule-name>"}"#)
        let put = try await events.putTargets(EventBridge.PutTargetsRequest(rule: "uploads", targets: [
            whole, shaped, EventBridge.Target(id: "lambda", arn: "arn:aws:kinesis:us-east-1:000000000000:stream/s"),
        ]), context: Self.context)
        #expect(put.failedEntryCount == 1 && put.failedEntries?.first?.targetId == "lambda")
        func entry(_ key: String) -> EventBridge.PutEventsRequestEntry {
            var entry = EventBridge.PutEventsRequestEntry()
            entry.source = "aws.s3"
            entry.detailType = "Object Created"
            entry.detail = #"{"object": {"key": "\#(key)"}}"#
            return entry
        }
        var malformed = entry("in/x")
        malformed.detail = #""just a string""#
        let answer = try await events.putEvents(EventBridge.PutEventsRequest(entries: [entry("in/a.csv"), entry("out/b"), malformed]),
                                                context: Self.context)
        #expect(answer.failedEntryCount == 1)
        #expect(answer.entries?[2].errorCode == "MalformedDetail" && answer.entries?[2].errorMessage == "Detail is malformed.")
        let sent = targets.sent.withLock { $0 }
        #expect(sent.map(\.0) == ["whole", "shaped"])
        #expect(sent[0].1 == #"{"key":"in/a.csv"}"#)
        #expect(sent[1].1 == #"{"file": "in/a.csv", "rule": "uploads"}"#)
    }

    @Test func rulesNeedAPatternOrASchedule() async throws {
        let (events, _) = try service()
        await #expect(throws: AWSServiceError.self) { _ = try await events.putRule(EventBridge.PutRuleRequest(name: "none"), context: Self.context) }
        var bad = EventBridge.PutRuleRequest(name: "bad")
        bad.eventPattern = #"{"source": "not-a-list"}"#
        await #expect(throws: AWSServiceError.self) { _ = try await events.putRule(bad, context: Self.context) }
        #expect(EventSchedule("rate(5 minutes)") == .rate(periodMilliseconds: 300_000))
        #expect(EventSchedule("rate(1 minutes)") == nil)
        #expect(EventSchedule("rate(1 hour)")?.nextFiring(createdAt: 0, after: 3_600_000) == 7_200_000)
        #expect(EventSchedule("cron(0 12 * * * *)") == nil)  // one of the day fields must be ?
        #expect(EventSchedule("cron(0 12 * * ?)") == nil)
    }

    @Test func cronSchedulesFireAtTheMinutesTheySelect() throws {
        // 2023-11-14T22:13:20Z is a Tuesday.
        let now: Int64 = 1_700_000_000_000
        func next(_ expression: String, after: Int64 = now) -> String? {
            guard let schedule = EventSchedule(expression), let at = schedule.nextFiring(createdAt: 0, after: after) else { return nil }
            return EventBridgeService.eventTime(Date(timeIntervalSince1970: Double(at) / 1000))
        }
        #expect(next("cron(0 12 * * ? *)") == "2023-11-15T12:00:00Z")
        #expect(next("cron(*/15 * * * ? *)") == "2023-11-14T22:15:00Z")
        #expect(next("cron(0 8 ? * MON-FRI *)") == "2023-11-15T08:00:00Z")
        #expect(next("cron(0 9 ? * SAT,SUN *)") == "2023-11-18T09:00:00Z")
        #expect(next("cron(0 0 L * ? *)") == "2023-11-30T00:00:00Z")
        #expect(next("cron(0 10 ? * 6L *)") == "2023-11-24T10:00:00Z")  // last Friday
        #expect(next("cron(0 10 ? * 2#1 *)") == "2023-12-04T10:00:00Z")  // first Monday of December
        #expect(next("cron(0 10 1W * ? *)") == "2023-12-01T10:00:00Z")  // Dec 1 2023 is a Friday
        #expect(next("cron(30 6 1 JAN ? 2025)") == "2025-01-01T06:30:00Z")
        #expect(next("cron(0 0 1 1 ? 2020)") == nil)
    }
}

@Suite struct EventBridgeSchedulerTests {
    @Test func rateRulesFireEveryPeriod() async throws {
        let targets = RecordingTargets()
        let clock = ManualClock()
        let store = SQLiteEventBridgeStore(database: try SQLiteDatabase.inMemory(name: "events"))
        let events = EventBridgeService(store: store, clock: clock, ids: CountingIDs(), targets: targets)
        var rule = EventBridge.PutRuleRequest(name: "every-minute")
        rule.scheduleExpression = "rate(1 minute)"
        _ = try await events.putRule(rule, context: EventBridgeServiceTests.context)
        _ = try await events.putTargets(EventBridge.PutTargetsRequest(rule: "every-minute", targets: [
            EventBridge.Target(id: "q", arn: "arn:aws:sqs:us-east-1:000000000000:q"),
        ]), context: EventBridgeServiceTests.context)
        let scheduler = Task { try await EventBridgeScheduler(service: events, interval: .milliseconds(5)).run() }
        defer { scheduler.cancel() }
        try await Task.sleep(for: .milliseconds(50))
        #expect(targets.sent.withLock { $0.isEmpty })
        clock.advance(seconds: 61)
        for _ in 0..<200 where targets.sent.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
        let sent = targets.sent.withLock { $0 }
        #expect(sent.count == 1)
        #expect(sent.first?.1.contains(#""detail-type":"Scheduled Event""#) == true)
        #expect(sent.first?.1.contains(#""source":"aws.events""#) == true)
    }
}
