import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit
import StratusTesting
import Testing

@Suite struct DynamoDBServiceTests {
    @Test func createDescribeListDelete() async throws {
        let fixture = try DynamoDBFixture()
        let created = try await fixture.createTable("alpha")
        #expect(created.tableStatus == "CREATING")
        let described = try await fixture.service.describeTable(.init(tableName: "alpha"), context: fixture.context).table
        #expect(described?.tableStatus == "ACTIVE")
        #expect(described?.creationDateTime == fixture.clock.now())
        try await fixture.createTable("beta")
        try await fixture.createTable("gamma")
        let page = try await fixture.service.listTables(.init(limit: 2), context: fixture.context)
        #expect(page.tableNames == ["alpha", "beta"] && page.lastEvaluatedTableName == "beta")
        let rest = try await fixture.service.listTables(.init(exclusiveStartTableName: "beta", limit: 2), context: fixture.context)
        #expect(rest.tableNames == ["gamma"] && rest.lastEvaluatedTableName == nil)
        let exists = await awsError { try await fixture.createTable("alpha") }
        #expect(exists?.code == DynamoDBErrors.resourceInUseException && exists?.message == "Table already exists: alpha")
        _ = try await fixture.service.deleteTable(.init(tableName: "alpha"), context: fixture.context)
        let missing = await awsError { _ = try await fixture.service.describeTable(.init(tableName: "alpha"), context: fixture.context) }
        #expect(missing?.message == "Requested resource not found: Table: alpha not found")
    }

    @Test func conditionalWritesAreAtomic() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("counter", rangeKey: false)
        try await fixture.put("counter", ["pk": s("c"), "n": n("0")])
        // 50 concurrent increments guarded by a version condition: exactly the successful ones count.
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    let current = try? await fixture.get("counter", ["pk": s("c")])
                    let value = current?["n"]?.n ?? "0"
                    let update = DynamoDB.UpdateItemInput(
                        tableName: "counter", key: ["pk": s("c")], updateExpression: "SET n = n + :one",
                        conditionExpression: "n = :seen",
                        expressionAttributeValues: [":one": n("1"), ":seen": n(value)])
                    return (try? await fixture.service.updateItem(update, context: fixture.context)) != nil
                }
            }
            var count = 0
            for await success in group where success { count += 1 }
            return count
        }
        let final = try await fixture.get("counter", ["pk": s("c")])
        #expect(final?["n"] == n(String(successes)))
        #expect(successes >= 1)
    }

    @Test func conditionFailureReturnsTheItemWhenAsked() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("things", rangeKey: false)
        try await fixture.put("things", ["pk": s("a"), "v": n("1")])
        let failure = await awsError {
            _ = try await fixture.service.putItem(
                DynamoDB.PutItemInput(
                    tableName: "things", item: ["pk": s("a")], conditionExpression: "attribute_not_exists(pk)",
                    returnValuesOnConditionCheckFailure: "ALL_OLD"),
                context: fixture.context)
        }
        #expect(failure?.code == DynamoDBErrors.conditionalCheckFailedException)
        #expect(failure?.message == "The conditional request failed")
        #expect(failure?.fields["Item"] != nil)
        #expect(try await fixture.get("things", ["pk": s("a")]) == ["pk": s("a"), "v": n("1")])
    }

    @Test func queryReadsInSortOrderWithPaging() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("events")
        for value in ["3", "-1", "20", "0.5", "100"] { try await fixture.put("events", ["pk": s("p"), "sk": n(value)]) }
        try await fixture.put("events", ["pk": s("other"), "sk": n("1")])
        var input = DynamoDB.QueryInput(
            tableName: "events", limit: 2, keyConditionExpression: "pk = :p AND sk > :low",
            expressionAttributeValues: [":p": s("p"), ":low": n("-1")])
        var seen: [String] = []
        var pages = 0
        repeat {
            let page = try await fixture.service.query(input, context: fixture.context)
            seen += (page.items ?? []).compactMap { $0["sk"]?.n }
            input.exclusiveStartKey = page.lastEvaluatedKey
            pages += 1
        } while input.exclusiveStartKey != nil && pages < 10
        #expect(seen == ["0.5", "3", "20", "100"])
    }

    @Test func indexBackfillAndMaintenance() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("people", rangeKey: false)
        try await fixture.put("people", ["pk": s("1"), "city": s("Oslo")])
        try await fixture.put("people", ["pk": s("2")])
        _ = try await fixture.service.updateTable(
            DynamoDB.UpdateTableInput(
                attributeDefinitions: [DynamoDB.AttributeDefinition(attributeName: "city", attributeType: "S")],
                tableName: "people",
                globalSecondaryIndexUpdates: [DynamoDB.GlobalSecondaryIndexUpdate(create: DynamoDB.CreateGlobalSecondaryIndexAction(
                    indexName: "by-city", keySchema: [DynamoDB.KeySchemaElement(attributeName: "city", keyType: "HASH")],
                    projection: DynamoDB.Projection(projectionType: "ALL")))]),
            context: fixture.context)
        func inOslo() async throws -> [String] {
            let result = try await fixture.service.query(
                DynamoDB.QueryInput(
                    tableName: "people", indexName: "by-city", keyConditionExpression: "city = :c",
                    expressionAttributeValues: [":c": s("Oslo")]),
                context: fixture.context)
            return (result.items ?? []).compactMap { $0["pk"]?.s }.sorted()
        }
        #expect(try await inOslo() == ["1"])
        try await fixture.put("people", ["pk": s("2"), "city": s("Oslo")])
        try await fixture.put("people", ["pk": s("1"), "city": s("Rome")])
        #expect(try await inOslo() == ["2"])
        _ = try await fixture.service.deleteItem(DynamoDB.DeleteItemInput(tableName: "people", key: ["pk": s("2")]), context: fixture.context)
        #expect(try await inOslo() == [])
    }

    @Test func transactionCancelsAsAWhole() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("accounts", rangeKey: false)
        try await fixture.put("accounts", ["pk": s("a"), "balance": n("10")])
        let transfer = DynamoDB.TransactWriteItemsInput(transactItems: [
            DynamoDB.TransactWriteItem(update: DynamoDB.Update(
                key: ["pk": s("a")], updateExpression: "SET balance = balance - :v", tableName: "accounts",
                conditionExpression: "balance >= :v", expressionAttributeValues: [":v": n("15")])),
            DynamoDB.TransactWriteItem(put: DynamoDB.Put(item: ["pk": s("b"), "balance": n("15")], tableName: "accounts")),
        ])
        let failure = await awsError { _ = try await fixture.service.transactWriteItems(transfer, context: fixture.context) }
        #expect(failure?.code == DynamoDBErrors.transactionCanceledException)
        #expect(failure?.message?.hasSuffix("[ConditionalCheckFailed, None]") == true)
        #expect(try await fixture.get("accounts", ["pk": s("b")]) == nil)
        #expect(try await fixture.get("accounts", ["pk": s("a")])?["balance"] == n("10"))
    }

    @Test func timeToLiveSweepDeletesOnlyExpiredNumbers() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("sessions", rangeKey: false)
        let before = Int(fixture.clock.now().timeIntervalSince1970)
        // Written before TTL was enabled: enabling records its expiry, so the index-driven sweep finds it.
        try await fixture.put("sessions", ["pk": s("early"), "exp": n(String(before - 5))])
        _ = try await fixture.service.updateTimeToLive(
            DynamoDB.UpdateTimeToLiveInput(
                tableName: "sessions", timeToLiveSpecification: DynamoDB.TimeToLiveSpecification(enabled: true, attributeName: "exp")),
            context: fixture.context)
        let now = Int(fixture.clock.now().timeIntervalSince1970)
        try await fixture.put("sessions", ["pk": s("expired"), "exp": n(String(now - 1))])
        try await fixture.put("sessions", ["pk": s("later"), "exp": n(String(now + 60))])
        try await fixture.put("sessions", ["pk": s("ancient"), "exp": n(String(now - 6 * 365 * 86_400))])
        try await fixture.put("sessions", ["pk": s("string"), "exp": s("1")])
        let sweeper = DynamoDBTimeToLiveService(service: fixture.service)
        #expect(try await sweeper.runOnce() == 2)
        #expect(try await fixture.get("sessions", ["pk": s("expired")]) == nil)
        #expect(try await fixture.get("sessions", ["pk": s("early")]) == nil)
        fixture.clock.advance(seconds: 61)
        #expect(try await sweeper.runOnce() == 1)
        #expect(try await fixture.get("sessions", ["pk": s("later")]) == nil)
        #expect(try await fixture.get("sessions", ["pk": s("ancient")]) != nil)
        #expect(try await fixture.get("sessions", ["pk": s("string")]) != nil)
        #expect(try await sweeper.runOnce(fullScan: true) == 0)
        // Disabled: nothing is swept any more, even by a full scan.
        _ = try await fixture.service.updateTimeToLive(
            DynamoDB.UpdateTimeToLiveInput(
                tableName: "sessions", timeToLiveSpecification: DynamoDB.TimeToLiveSpecification(enabled: false, attributeName: "exp")),
            context: fixture.context)
        try await fixture.put("sessions", ["pk": s("after"), "exp": n(String(now))])
        #expect(try await sweeper.runOnce(fullScan: true) == 0)
    }

    @Test func scanSegmentsPartitionTheTable() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("many", rangeKey: false)
        for i in 0..<40 { try await fixture.put("many", ["pk": s("k\(i)")]) }
        var keys: [String] = []
        for segment in 0..<3 {
            let page = try await fixture.service.scan(
                DynamoDB.ScanInput(tableName: "many", totalSegments: 3, segment: segment), context: fixture.context)
            keys += (page.items ?? []).compactMap { $0["pk"]?.s }
        }
        #expect(keys.count == 40 && Set(keys).count == 40)
    }
    /// A put that needs nothing of the item it replaces (no condition, no index, no ReturnValues, no consumed
    /// capacity) skips reading it; it must still replace it whole, and the puts that do ask still get the old item
    /// and the capacity of the larger of the two.
    @Test func unconditionalPutsReplaceTheItemAndStillReportWhenAsked() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("plain", rangeKey: false)
        let large = String(repeating: "x", count: 3_000)
        try await fixture.put("plain", ["pk": s("a"), "v": n("1"), "payload": s(large)])
        try await fixture.put("plain", ["pk": s("a"), "v": n("2")])
        #expect(try await fixture.get("plain", ["pk": s("a")]) == ["pk": s("a"), "v": n("2")])

        try await fixture.put("plain", ["pk": s("b"), "payload": s(large)])
        let replaced = try await fixture.service.putItem(
            .init(tableName: "plain", item: ["pk": s("b"), "v": n("3")], returnValues: .init(rawValue: "ALL_OLD"),
                  returnConsumedCapacity: .init(rawValue: "TOTAL")),
            context: fixture.context)
        #expect(replaced.attributes == ["pk": s("b"), "payload": s(large)])
        // The 3 KB item it replaced counts, not the small new one.
        #expect(replaced.consumedCapacity?.capacityUnits == 3)

        let batch = DynamoDB.BatchWriteItemInput(requestItems: ["plain": [
            .init(putRequest: .init(item: ["pk": s("a"), "w": n("4")])),
            .init(putRequest: .init(item: ["pk": s("c"), "w": n("5")])),
        ]])
        _ = try await fixture.service.batchWriteItem(batch, context: fixture.context)
        #expect(try await fixture.get("plain", ["pk": s("a")]) == ["pk": s("a"), "w": n("4")])
        #expect(try await fixture.get("plain", ["pk": s("c")]) == ["pk": s("c"), "w": n("5")])
    }
}
