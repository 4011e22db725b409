import Foundation
import StratusAPIDynamoDB
import StratusAPILambda
import StratusDynamoDB
import StratusJSON
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

@testable import StratusLambda

/// A stream mapping whose checkpoint fell behind the stream's trim horizon (records 24 hours old are forgotten)
/// goes on with the oldest record kept instead of failing for ever.
@Suite("Lambda: stream mappings past the trim horizon")
struct StreamTrimRecoveryTests {
    @Test func aMappingBehindTheTrimHorizonResumesAtTheOldestRecordKept() async throws {
        let clock = ManualClock()
        let dynamoDBStore = SQLiteDynamoDBStore(database: try SQLiteDatabase.inMemory(name: "dynamodb"))
        let dynamoDB = DynamoDBService(store: dynamoDBStore, clock: clock)
        let streams = DynamoDBStreamsService(store: dynamoDBStore, clock: clock)
        let keys = Mutex([String]())
        let fixture = try LambdaFixture(environments: ScriptedEnvironments { _, request in
            let event = (try? JSONValue.parse(request.payload)) ?? .null
            let batch = (event["Records"]?.arrayValue ?? []).compactMap { $0["dynamodb"]?["Keys"]?["pk"]?["S"]?.stringValue }
            keys.withLock { $0 += batch }
            return ScriptedEnvironments.outcome(request, payload: Array("null".utf8))
        }, otherHandlers: [streams])
        let context = fixture.context
        let created = try await dynamoDB.createTable(DynamoDB.CreateTableInput(
            attributeDefinitions: [DynamoDB.AttributeDefinition(attributeName: "pk", attributeType: "S")],
            tableName: "events", keySchema: [DynamoDB.KeySchemaElement(attributeName: "pk", keyType: "HASH")],
            billingMode: "PAY_PER_REQUEST",
            streamSpecification: DynamoDB.StreamSpecification(streamEnabled: true, streamViewType: "KEYS_ONLY")),
            context: context)
        let streamArn = try #require(created.tableDescription?.latestStreamArn)
        func put(_ key: String) async throws {
            _ = try await dynamoDB.putItem(DynamoDB.PutItemInput(tableName: "events", item: ["pk": DynamoDB.AttributeValue(s: key)]),
                                           context: context)
        }
        func waitFor(_ expected: [String]) async throws {
            for _ in 0..<500 where keys.withLock({ $0 }) != expected { try await Task.sleep(for: .milliseconds(10)) }
        }
        try await fixture.createActiveFunction("f")
        try await put("first")
        _ = try await fixture.service.createEventSourceMapping(
            Lambda.CreateEventSourceMappingRequest(eventSourceArn: streamArn, functionName: "f", startingPosition: "TRIM_HORIZON"),
            context: context)
        try await withPoller(fixture) { try await waitFor(["first"]) }
        // While nothing polls: a record that will be trimmed unread, a day passes, a record that stays.
        try await put("lost")
        clock.advance(seconds: 25 * 3600)
        try await put("kept")
        _ = try await dynamoDB.trimStreams()
        try await withPoller(fixture) { try await waitFor(["first", "kept"]) }
        #expect(keys.withLock { $0 } == ["first", "kept"])
    }
}
