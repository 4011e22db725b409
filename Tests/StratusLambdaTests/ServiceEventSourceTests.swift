import Foundation
import OrderedCollections
import StratusAPILambda
import StratusAPISQS
import StratusJSON
import StratusLambda
import StratusServiceKit
import Synchronization
import Testing

@Suite("Lambda service: SQS event source mappings")
struct ServiceEventSourceTests {
    static let queueArn = "arn:aws:sqs:us-east-1:000000000000:source"

    @Test func createValidatesAndThePollerSettlesTheState() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        _ = try await fixture.createQueue("source")
        await expectAWSError("InvalidParameterValueException") {
            _ = try await fixture.service.createEventSourceMapping(
                Lambda.CreateEventSourceMappingRequest(eventSourceArn: "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                                                       functionName: "f"), context: fixture.context)
        }
        await expectAWSError("InvalidParameterValueException") {
            _ = try await fixture.service.createEventSourceMapping(
                Lambda.CreateEventSourceMappingRequest(eventSourceArn: "arn:aws:sqs:us-east-1:000000000000:missing",
                                                       functionName: "f"), context: fixture.context)
        }
        await expectAWSError(
            "InvalidParameterValueException",
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"
        ) {
            _ = try await fixture.service.createEventSourceMapping(
                Lambda.CreateEventSourceMappingRequest(eventSourceArn: Self.queueArn, functionName: "f", batchSize: 50),
                context: fixture.context)
        }
        let created = try await fixture.service.createEventSourceMapping(
            Lambda.CreateEventSourceMappingRequest(eventSourceArn: Self.queueArn, functionName: "f", enabled: false),
            context: fixture.context)
        #expect(created.state == "Creating" && created.batchSize == 10)
        #expect(created.functionArn == "arn:aws:lambda:us-east-1:000000000000:function:f")
        await expectAWSError("ResourceConflictException") {
            _ = try await fixture.service.createEventSourceMapping(
                Lambda.CreateEventSourceMappingRequest(eventSourceArn: Self.queueArn, functionName: "f"), context: fixture.context)
        }
        try await withPoller(fixture) {
            try await waitForState(fixture, created.uuid!, "Disabled")
            let updated = try await fixture.service.updateEventSourceMapping(
                Lambda.UpdateEventSourceMappingRequest(uuid: created.uuid!, enabled: true), context: fixture.context)
            #expect(updated.state == "Enabling")
            try await waitForState(fixture, created.uuid!, "Enabled")
        }
        let listed = try await fixture.service.listEventSourceMappings(
            Lambda.ListEventSourceMappingsRequest(functionName: "f"), context: fixture.context)
        #expect(listed.eventSourceMappings?.map(\.uuid) == [created.uuid])
        let deleted = try await fixture.service.deleteEventSourceMapping(
            Lambda.DeleteEventSourceMappingRequest(uuid: created.uuid!), context: fixture.context)
        #expect(deleted.state == "Deleting")
        await expectAWSError("ResourceNotFoundException") {
            _ = try await fixture.service.getEventSourceMapping(Lambda.GetEventSourceMappingRequest(uuid: created.uuid!),
                                                                context: fixture.context)
        }
    }

    @Test func successfulBatchesAreDeleted() async throws {
        let events = Mutex([JSONValue]())
        let fixture = try LambdaFixture(environments: ScriptedEnvironments { _, request in
            events.withLock { $0.append((try? JSONValue.parse(request.payload)) ?? .null) }
            return ScriptedEnvironments.outcome(request, payload: Array("null".utf8))
        })
        try await fixture.createActiveFunction("f")
        let url = try await fixture.createQueue("source")
        for body in ["one", "two", "three"] {
            try await fixture.send(url, body, attributes: [
                "kind": SQS.MessageAttributeValue(stringValue: "test", dataType: "String"),
            ])
        }
        _ = try await fixture.service.createEventSourceMapping(
            Lambda.CreateEventSourceMappingRequest(eventSourceArn: Self.queueArn, functionName: "f"), context: fixture.context)
        try await withPoller(fixture) {
            for _ in 0..<300 where events.withLock({ $0.flatMap { $0["Records"]?.arrayValue ?? [] }.count }) < 3 {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        let records = events.withLock { $0.flatMap { $0["Records"]?.arrayValue ?? [] } }
        #expect(Set(records.compactMap { $0["body"]?.stringValue }) == ["one", "two", "three"])
        let first = try #require(records.first)
        #expect(first["eventSource"] == "aws:sqs" && first["eventSourceARN"] == .string(Self.queueArn))
        #expect(first["awsRegion"] == "us-east-1" && first["attributes"]?["ApproximateReceiveCount"] == "1")
        #expect(first["messageAttributes"]?["kind"]?["stringValue"] == "test")
        #expect(first["messageAttributes"]?["kind"]?["dataType"] == "String")
        let left = try await fixture.receive(url, visibility: 0)
        #expect(left.isEmpty)
    }

    @Test func reportedItemFailuresStayAndReachTheDeadLetterQueue() async throws {
        let fixture = try LambdaFixture(environments: ScriptedEnvironments { _, request in
            let event = (try? JSONValue.parse(request.payload)) ?? .null
            let failed: [JSONValue] = (event["Records"]?.arrayValue ?? []).compactMap { record in
                record["body"] == "bad" ? .object(["itemIdentifier": record["messageId"]!]) : nil
            }
            return ScriptedEnvironments.outcome(
                request, payload: Array(JSONValue.object(["batchItemFailures": .array(failed)]).serialized()))
        })
        try await fixture.createActiveFunction("f")
        let dlq = try await fixture.createQueue("dead")
        let url = try await fixture.createQueue("source", attributes: [
            "VisibilityTimeout": "1",
            "RedrivePolicy": #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dead","maxReceiveCount":"2"}"#,
        ])
        for body in ["good", "bad"] {
            try await fixture.send(url, body)
        }
        _ = try await fixture.service.createEventSourceMapping(
            Lambda.CreateEventSourceMappingRequest(eventSourceArn: Self.queueArn, functionName: "f",
                                                   functionResponseTypes: ["ReportBatchItemFailures"]),
            context: fixture.context)
        var dead: [SQS.Message] = []
        try await withPoller(fixture) {
            for _ in 0..<8 where dead.isEmpty { dead = try await fixture.receive(dlq, wait: 1) }
        }
        #expect(dead.map(\.body) == ["bad"])
        // "bad" was invoked twice (receive count 1 and 2) before the redrive policy moved it.
        let badRuns = fixture.environments.invocations.withLock { invocations in
            invocations.filter { String(decoding: $0.1.payload, as: UTF8.self).contains("\"bad\"") }.count
        }
        #expect(badRuns == 2)
        let left = try await fixture.receive(url, visibility: 0)
        #expect(left.isEmpty)
    }
}

/// Runs the fixture's event source poller around `body`.
func withPoller(_ fixture: LambdaFixture, _ body: () async throws -> Void) async throws {
    let poller = fixture.service.eventSourcePoller
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await poller.run() }
        defer { group.cancelAll() }
        try await body()
    }
}

func waitForState(_ fixture: LambdaFixture, _ uuid: String, _ state: String) async throws {
    for _ in 0..<300 {
        let mapping = try await fixture.service.getEventSourceMapping(Lambda.GetEventSourceMappingRequest(uuid: uuid),
                                                                      context: fixture.context)
        if mapping.state == state { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("mapping \(uuid) never reached \(state)")
}
