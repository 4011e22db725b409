import Foundation
import HTTPTypes
import StratusAPIEventBridge
import StratusConsole
import StratusEventBridge
import StratusJSON
import Synchronization
import Testing

/// The console's EventBridge routes answer what `ListEventBuses`, `DescribeEventBus`, `ListRules`, `DescribeRule`,
/// `ListTargetsByRule`, `ListTagsForResource` and `PutEvents` answer in-process.
@Suite struct ConsoleEventBridgeTests {
    /// Where the routes under test are.
    static let api = "/_stratus/console/api/events"
    /// A queue ARN used as an endpoint or target (the fixture records deliveries to it).
    static let queueArn = "arn:aws:sqs:us-east-1:000000000000:inbox"

    @Test func listsTheBuses() async throws {
        let fixture = try ConsoleEventBridgeFixture()
        let response = await fixture.request(.get, "\(Self.api)/buses")
        #expect(response.status == .ok)
        #expect(response.headerFields[.contentType] == "application/json")
        let initial = try ConsoleEventBridgeFixture.json(response)
        #expect(initial["truncated"] == false)
        #expect(initial["buses"]?.arrayValue?.compactMap { $0["Name"]?.stringValue } == ["default"])

        let arn = try await fixture.createBus("pipeline", description: "model pipeline")
        let body = try ConsoleEventBridgeFixture.json(await fixture.request(.get, "\(Self.api)/buses"))
        let buses = body["buses"]?.arrayValue ?? []
        #expect(buses.compactMap { $0["Name"]?.stringValue }.sorted() == ["default", "pipeline"])
        let pipeline = try #require(buses.first { $0["Name"] == "pipeline" })
        #expect(pipeline["Arn"]?.stringValue == arn)
        #expect(pipeline["Description"] == "model pipeline")
    }

    @Test func listsEveryPageOfBusesAndRules() async throws {
        let fixture = try ConsoleEventBridgeFixture()
        for index in 0..<104 { try await fixture.createBus("bus-\(index)") }
        for index in 0..<103 { try await fixture.putRule("rule-\(index)", pattern: #"{"source":["s\#(index)"]}"#) }
        let buses = try ConsoleEventBridgeFixture.json(await fixture.request(.get, "\(Self.api)/buses"))
        #expect(buses["buses"]?.arrayValue?.count == 105)
        #expect(buses["truncated"] == false)
        let bus = try ConsoleEventBridgeFixture.json(await fixture.request(.get, "\(Self.api)/bus?name=default"))
        #expect(bus["rules"]?.arrayValue?.count == 103)
        #expect(bus["truncated"] == false)
    }

    @Test func describesABusWithItsRulesAndTargets() async throws {
        let fixture = try ConsoleEventBridgeFixture()
        let busArn = try await fixture.createBus("pipeline")
        let pattern = #"{"source":["stratus.train"],"detail-type":["Model Ready"]}"#
        let ruleArn = try await fixture.putRule("ready", bus: "pipeline", pattern: pattern, description: "models")
        try await fixture.putRule("checked", bus: "pipeline", pattern: #"{"source":["stratus.check"]}"#, state: .disabled)
        try await fixture.putTargets("ready", bus: "pipeline", [
            EventBridge.Target(id: "queue", arn: Self.queueArn),
            EventBridge.Target(id: "topic", arn: "arn:aws:sns:us-east-1:000000000000:models"),
        ])
        // Schedules exist only on the default bus.
        try await fixture.putRule("nightly", schedule: "rate(1 day)")

        let response = await fixture.request(.get, "\(Self.api)/bus?name=pipeline")
        #expect(response.status == .ok)
        let body = try ConsoleEventBridgeFixture.json(response)
        #expect(body["bus"]?["Name"] == "pipeline")
        #expect(body["bus"]?["Arn"]?.stringValue == busArn)
        #expect(body["truncated"] == false)
        let rules = body["rules"]?.arrayValue ?? []
        #expect(rules.compactMap { $0["Name"]?.stringValue }.sorted() == ["checked", "ready"])
        let ready = try #require(rules.first { $0["Name"] == "ready" })
        #expect(ready["Arn"]?.stringValue == ruleArn)
        #expect(ready["EventPattern"]?.stringValue.map { try? JSONValue.parse($0) } == (try JSONValue.parse(pattern)))
        #expect(ready["State"] == "ENABLED")
        #expect(ready["EventBusName"] == "pipeline")
        #expect(ready["targets"]?.arrayValue?.compactMap { $0["Id"]?.stringValue } == ["queue", "topic"])
        #expect(ready["targets"]?[0]?["Arn"]?.stringValue == Self.queueArn)
        let checked = try #require(rules.first { $0["Name"] == "checked" })
        #expect(checked["State"] == "DISABLED")
        #expect(checked["targets"] == [])

        let defaultBus = try ConsoleEventBridgeFixture.json(await fixture.request(.get, "\(Self.api)/bus?name=default"))
        #expect(defaultBus["bus"]?["Name"] == "default")
        let scheduled = defaultBus["rules"]?.arrayValue ?? []
        #expect(scheduled.compactMap { $0["Name"]?.stringValue } == ["nightly"])
        #expect(scheduled.first?["ScheduleExpression"] == "rate(1 day)")
        #expect(scheduled.first?["EventPattern"] == nil)
    }

    @Test func describesARuleWithTargetsAndTags() async throws {
        let fixture = try ConsoleEventBridgeFixture()
        let pattern = #"{"source":["stratus.train"]}"#
        let arn = try await fixture.putRule("ready", pattern: pattern, description: "models ready",
                                            tags: ["team": "ml", "stage": "dev"])
        var shaped = EventBridge.Target(id: "shaped", arn: "arn:aws:lambda:us-east-1:000000000000:function:notify")
        shaped.inputTransformer = EventBridge.InputTransformer(inputPathsMap: ["model": "$.detail.model"],
                                                               inputTemplate: #"{"model": <model>}"#)
        var machine = EventBridge.Target(id: "machine", arn: "arn:aws:states:us-east-1:000000000000:stateMachine:deploy")
        machine.roleArn = "arn:aws:iam::000000000000:role/events"
        machine.inputPath = "$.detail"
        var queue = EventBridge.Target(id: "queue", arn: Self.queueArn)
        queue.input = #"{"fixed":true}"#
        queue.deadLetterConfig = EventBridge.DeadLetterConfig(arn: "arn:aws:sqs:us-east-1:000000000000:dead")
        queue.retryPolicy = EventBridge.RetryPolicy(maximumRetryAttempts: 3, maximumEventAgeInSeconds: 600)
        try await fixture.putTargets("ready", [shaped, machine, queue])

        for path in ["/rule?name=ready", "/rule?bus=default&name=ready", "/rule?bus=&name=ready"] {
            let response = await fixture.request(.get, Self.api + path)
            #expect(response.status == .ok, "\(path)")
            let body = try ConsoleEventBridgeFixture.json(response)
            #expect(body["rule"]?["Name"] == "ready")
            #expect(body["rule"]?["Arn"]?.stringValue == arn)
            #expect(body["rule"]?["Description"] == "models ready")
            #expect(body["rule"]?["EventBusName"] == "default")
            #expect(body["tags"] == [["Key": "stage", "Value": "dev"], ["Key": "team", "Value": "ml"]])
            let targets = body["targets"]?.arrayValue ?? []
            #expect(targets.compactMap { $0["Id"]?.stringValue } == ["shaped", "machine", "queue"])
            #expect(targets[0]["InputTransformer"]?["InputTemplate"] == #"{"model": <model>}"#)
            #expect(targets[0]["InputTransformer"]?["InputPathsMap"] == ["model": "$.detail.model"])
            #expect(targets[1]["InputPath"] == "$.detail")
            #expect(targets[1]["RoleArn"] == "arn:aws:iam::000000000000:role/events")
            #expect(targets[2]["Input"] == #"{"fixed":true}"#)
            #expect(targets[2]["DeadLetterConfig"] == ["Arn": "arn:aws:sqs:us-east-1:000000000000:dead"])
            #expect(targets[2]["RetryPolicy"]?["MaximumRetryAttempts"]?.int64Value == 3)
            #expect(targets[2]["RetryPolicy"]?["MaximumEventAgeInSeconds"]?.int64Value == 600)
        }
    }

    @Test func unknownBusesAndRulesAreTheServicesError() async throws {
        let fixture = try ConsoleEventBridgeFixture()
        try await fixture.putRule("ready", pattern: #"{"source":["x"]}"#)
        for path in ["/bus?name=missing", "/rule?name=missing", "/rule?bus=missing&name=ready"] {
            let response = await fixture.request(.get, Self.api + path)
            #expect(response.status == .badRequest, "\(path)")
            let body = try ConsoleEventBridgeFixture.json(response)
            #expect(body["error"] == "ResourceNotFoundException", "\(path)")
            #expect(body["message"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func putsAnEventThatReachesTheMatchingTargets() async throws {
        let fixture = try ConsoleEventBridgeFixture()
        try await fixture.createBus("pipeline")
        try await fixture.putRule("ready", bus: "pipeline", pattern: #"{"source":["stratus.train"],"detail":{"model":["m1"]}}"#)
        try await fixture.putTargets("ready", bus: "pipeline", [EventBridge.Target(id: "queue", arn: Self.queueArn)])

        let text = #"{"bus":"pipeline","source":"stratus.train","detailType":"Model Ready","detail":"{\"model\":\"m1\"}"}"#
        let response = await fixture.request(.post, "\(Self.api)/put-events", json: text)
        #expect(response.status == .ok)
        let body = try ConsoleEventBridgeFixture.json(response)
        #expect(body["FailedEntryCount"]?.int64Value == 0)
        let eventId = try #require(body["Entries"]?[0]?["EventId"]?.stringValue)
        // The detail as a JSON value is sent as its text.
        let value = #"{"bus":"pipeline","source":"stratus.train","detailType":"Model Ready","detail":{"model":"m1"}}"#
        _ = await fixture.request(.post, "\(Self.api)/put-events", json: value)
        // Another model does not match.
        let other = #"{"bus":"pipeline","source":"stratus.train","detailType":"Model Ready","detail":{"model":"m2"}}"#
        _ = await fixture.request(.post, "\(Self.api)/put-events", json: other)

        let sent = fixture.deliveries.sent.withLock { $0 }
        #expect(sent.map(\.0) == ["queue", "queue"])
        let event = try JSONValue.parse(sent[0].1)
        #expect(event["id"]?.stringValue == eventId)
        #expect(event["source"] == "stratus.train")
        #expect(event["detail-type"] == "Model Ready")
        #expect(event["detail"] == ["model": "m1"])
        #expect(try JSONValue.parse(sent[1].1)["detail"] == ["model": "m1"])
    }

    @Test func aMalformedDetailIsTheEntrysError() async throws {
        let fixture = try ConsoleEventBridgeFixture()
        for detail in [#""[1, 2]""#, #""not json""#, "42"] {
            let response = await fixture.request(.post, "\(Self.api)/put-events",
                                                 json: #"{"source":"s","detailType":"t","detail":\#(detail)}"#)
            #expect(response.status == .ok)
            let body = try ConsoleEventBridgeFixture.json(response)
            #expect(body["FailedEntryCount"]?.int64Value == 1)
            #expect(body["Entries"]?[0]?["ErrorCode"] == "MalformedDetail", "\(detail)")
            #expect(body["Entries"]?[0]?["EventId"] == nil)
        }
        let unknownBus = try ConsoleEventBridgeFixture.json(await fixture.request(
            .post, "\(Self.api)/put-events", json: #"{"bus":"missing","source":"s","detailType":"t","detail":{}}"#))
        #expect(unknownBus["FailedEntryCount"]?.int64Value == 1)
        #expect(unknownBus["Entries"]?[0]?["ErrorCode"]?.stringValue?.isEmpty == false)
    }

    @Test func refusesBadRequests() async throws {
        let fixture = try ConsoleEventBridgeFixture()
        let cases: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
            (.get, "/bus", nil, .badRequest, "ValidationException"),
            (.get, "/bus?name=", nil, .badRequest, "ValidationException"),
            (.get, "/rule?bus=default", nil, .badRequest, "ValidationException"),
            (.post, "/put-events", #"{"detailType":"t","detail":{}}"#, .badRequest, "ValidationException"),
            (.post, "/put-events", #"{"source":"s","detail":{}}"#, .badRequest, "ValidationException"),
            (.post, "/put-events", #"{"source":"s","detailType":"t"}"#, .badRequest, "ValidationException"),
            (.post, "/put-events", #"{"source":"s","detailType":"t","detail":{},"bus":7}"#, .badRequest,
             "ValidationException"),
            (.post, "/put-events", "[]", .badRequest, "ValidationException"),
            (.get, "/rules", nil, .notFound, "NotFound"),
        ]
        for (method, path, body, status, code) in cases {
            let response = await fixture.request(method, Self.api + path, json: body)
            #expect(response.status == status, "\(method) \(path)")
            #expect(try ConsoleEventBridgeFixture.json(response)["error"]?.stringValue == code, "\(method) \(path)")
        }
        let form = await fixture.request(.post, "\(Self.api)/put-events", json: #"{"source":"s","detailType":"t","detail":{}}"#,
                                         contentType: "application/x-www-form-urlencoded")
        #expect(form.status == .unsupportedMediaType)
        for (method, path, allowed) in [(HTTPRequest.Method.post, "/buses", "GET"), (.put, "/bus", "GET"),
                                        (.delete, "/rule", "GET"), (.get, "/put-events", "POST")] {
            let response = await fixture.request(method, Self.api + path, json: method == .get ? nil : "{}")
            #expect(response.status == .methodNotAllowed, "\(method) \(path)")
            #expect(response.headerFields[.allow] == allowed)
        }
    }
}
