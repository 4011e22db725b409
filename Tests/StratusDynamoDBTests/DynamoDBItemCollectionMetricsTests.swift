import Foundation
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit
import StratusStoreSQLite
import Testing

@testable import StratusDynamoDB

@Suite("ItemCollectionMetrics")
struct DynamoDBItemCollectionMetricsTests {
    /// A table `pk` (S) + `sk` (N) with a KEYS_ONLY local index on `rank` (N) and an ALL global index on `g` (S).
    private func createTable(_ fixture: DynamoDBFixture, _ name: String) async throws {
        let input = DynamoDB.CreateTableInput(
            attributeDefinitions: [
                DynamoDB.AttributeDefinition(attributeName: "pk", attributeType: "S"),
                DynamoDB.AttributeDefinition(attributeName: "sk", attributeType: "N"),
                DynamoDB.AttributeDefinition(attributeName: "rank", attributeType: "N"),
                DynamoDB.AttributeDefinition(attributeName: "g", attributeType: "S"),
            ],
            tableName: name,
            keySchema: [
                DynamoDB.KeySchemaElement(attributeName: "pk", keyType: "HASH"),
                DynamoDB.KeySchemaElement(attributeName: "sk", keyType: "RANGE"),
            ],
            localSecondaryIndexes: [
                DynamoDB.LocalSecondaryIndex(
                    indexName: "by-rank",
                    keySchema: [
                        DynamoDB.KeySchemaElement(attributeName: "pk", keyType: "HASH"),
                        DynamoDB.KeySchemaElement(attributeName: "rank", keyType: "RANGE"),
                    ],
                    projection: DynamoDB.Projection(projectionType: "KEYS_ONLY"))
            ],
            globalSecondaryIndexes: [
                DynamoDB.GlobalSecondaryIndex(
                    indexName: "by-g", keySchema: [DynamoDB.KeySchemaElement(attributeName: "g", keyType: "HASH")],
                    projection: DynamoDB.Projection(projectionType: "ALL"))
            ],
            billingMode: "PAY_PER_REQUEST")
        _ = try await fixture.service.createTable(input, context: fixture.context)
    }

    private func item(_ pk: String, _ sk: Int, rank: Int? = nil, text: String = "") -> [String: DynamoDB.AttributeValue] {
        var item: [String: DynamoDB.AttributeValue] = ["pk": s(pk), "sk": n("\(sk)"), "text": s(text)]
        if let rank { item["rank"] = n("\(rank)") }
        return item
    }

    @Test func theSizeEstimateIsARangeOfWholeGigabytes() {
        let gigabyte = DynamoDBItemCollectionMetrics.bytesPerGigabyte
        for (bytes, range) in [(0, [0.0, 1.0]), (gigabyte - 1, [0.0, 1.0]), (gigabyte, [1.0, 2.0]),
                               (gigabyte * 7 / 2, [3.0, 4.0])] {
            let metrics = DynamoDBItemCollectionMetrics.metrics(attribute: "pk", value: .string("a"), bytes: bytes)
            #expect(metrics.sizeEstimateRangeGB == range)
            #expect(metrics.itemCollectionKey == ["pk": s("a")])
        }
    }

    @Test func aCollectionCountsItsItemsAndTheirLocalIndexEntries() async throws {
        let fixture = try DynamoDBFixture()
        try await createTable(fixture, "collections")
        let items = [item("a", 1, rank: 5, text: "one"), item("a", 2, text: String(repeating: "x", count: 500)),
                     item("a", 3, rank: 7), item("b", 1, rank: 1, text: "other collection")]
        for item in items { try await fixture.put("collections", item) }
        let sizes = try items.map { DynamoDBItemSize.of(try DynamoDBValue.item(wire: $0)) }
        // Items of "a": 0, 1, 2; of those, 0 and 2 have an entry in the local index (whole items counted).
        let expected = sizes[0] + sizes[1] + sizes[2] + sizes[0] + sizes[2]
        let table = try #require(
            try await fixture.store.table(accountID: fixture.context.accountID, region: "us-east-1", name: "collections"))
        let key = try DynamoDBKeySchema(table).storedKey(ofKey: ["pk": .string("a"), "sk": .number(DynamoDBNumber(1))])
        let measured = try await fixture.store.write { transaction in
            try transaction.itemCollectionBytes(tableID: table.id, key: key, localIndexes: ["by-rank"])
        }
        #expect(measured == expected)
    }

    @Test func writesReportTheirCollectionOnlyWhenAskedAndOnlyWithLocalIndexes() async throws {
        let fixture = try DynamoDBFixture()
        try await createTable(fixture, "with-lsi")
        try await fixture.createTable("gsi-only", globalIndexes: [(name: "by-g", hash: "g", projection: "ALL")])
        let expected = DynamoDB.ItemCollectionMetrics(itemCollectionKey: ["pk": s("a")], sizeEstimateRangeGB: [0, 1])

        var put = DynamoDB.PutItemInput(tableName: "with-lsi", item: item("a", 1, rank: 2))
        #expect(try await fixture.service.putItem(put, context: fixture.context).itemCollectionMetrics == nil)
        put.returnItemCollectionMetrics = "NONE"
        #expect(try await fixture.service.putItem(put, context: fixture.context).itemCollectionMetrics == nil)
        put.returnItemCollectionMetrics = "SIZE"
        #expect(try await fixture.service.putItem(put, context: fixture.context).itemCollectionMetrics == expected)
        put.tableName = "gsi-only"
        #expect(try await fixture.service.putItem(put, context: fixture.context).itemCollectionMetrics == nil)

        let update = DynamoDB.UpdateItemInput(
            tableName: "with-lsi", key: ["pk": s("a"), "sk": n("1")], returnItemCollectionMetrics: "SIZE",
            updateExpression: "SET #t = :t", expressionAttributeNames: ["#t": "text"], expressionAttributeValues: [":t": s("u")])
        #expect(try await fixture.service.updateItem(update, context: fixture.context).itemCollectionMetrics == expected)
        // A delete of an item that is not there still reports its (empty) collection.
        for sk in ["1", "9"] {
            let delete = DynamoDB.DeleteItemInput(
                tableName: "with-lsi", key: ["pk": s("a"), "sk": n(sk)], returnItemCollectionMetrics: "SIZE")
            #expect(try await fixture.service.deleteItem(delete, context: fixture.context).itemCollectionMetrics == expected)
        }
    }

    @Test func batchesAndTransactionsReportEachCollectionOnce() async throws {
        let fixture = try DynamoDBFixture()
        try await createTable(fixture, "with-lsi")
        try await fixture.createTable("gsi-only", globalIndexes: [(name: "by-g", hash: "g", projection: "ALL")])
        try await fixture.put("with-lsi", item("c", 1))
        func metrics(_ pk: String) -> DynamoDB.ItemCollectionMetrics {
            DynamoDB.ItemCollectionMetrics(itemCollectionKey: ["pk": s(pk)], sizeEstimateRangeGB: [0, 1])
        }

        let batch = DynamoDB.BatchWriteItemInput(
            requestItems: [
                "with-lsi": [
                    DynamoDB.WriteRequest(putRequest: DynamoDB.PutRequest(item: item("b", 1, rank: 1))),
                    DynamoDB.WriteRequest(putRequest: DynamoDB.PutRequest(item: item("a", 1))),
                    DynamoDB.WriteRequest(deleteRequest: DynamoDB.DeleteRequest(key: ["pk": s("b"), "sk": n("2")])),
                ],
                "gsi-only": [DynamoDB.WriteRequest(putRequest: DynamoDB.PutRequest(item: item("a", 1)))],
            ],
            returnItemCollectionMetrics: "SIZE")
        let batchOutput = try await fixture.service.batchWriteItem(batch, context: fixture.context)
        #expect(batchOutput.itemCollectionMetrics == ["with-lsi": [metrics("b"), metrics("a")]])

        let transaction = DynamoDB.TransactWriteItemsInput(
            transactItems: [
                DynamoDB.TransactWriteItem(conditionCheck: DynamoDB.ConditionCheck(
                    key: ["pk": s("c"), "sk": n("1")], tableName: "with-lsi", conditionExpression: "attribute_exists(pk)")),
                DynamoDB.TransactWriteItem(put: DynamoDB.Put(item: item("d", 1, rank: 3), tableName: "with-lsi")),
                DynamoDB.TransactWriteItem(delete: DynamoDB.Delete(key: ["pk": s("a"), "sk": n("1")], tableName: "with-lsi")),
                DynamoDB.TransactWriteItem(update: DynamoDB.Update(
                    key: ["pk": s("d"), "sk": n("2")], updateExpression: "SET #t = :t", tableName: "with-lsi",
                    expressionAttributeNames: ["#t": "text"], expressionAttributeValues: [":t": s("v")])),
                DynamoDB.TransactWriteItem(put: DynamoDB.Put(item: item("e", 1), tableName: "gsi-only")),
            ],
            returnItemCollectionMetrics: "SIZE")
        let transactionOutput = try await fixture.service.transactWriteItems(transaction, context: fixture.context)
        // The condition check's collection ("c") was not written, so it is not reported.
        #expect(transactionOutput.itemCollectionMetrics == ["with-lsi": [metrics("d"), metrics("a")]])

        var quiet = transaction
        quiet.returnItemCollectionMetrics = nil
        quiet.transactItems = [DynamoDB.TransactWriteItem(put: DynamoDB.Put(item: item("f", 1), tableName: "with-lsi"))]
        #expect(try await fixture.service.transactWriteItems(quiet, context: fixture.context).itemCollectionMetrics == nil)
    }
}
