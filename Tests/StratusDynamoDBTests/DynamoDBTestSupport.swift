import Foundation
import StratusAPIDynamoDB
import StratusAWSCore
import StratusDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Synchronization

/// A service over a fresh in-memory SQLite store, with its clock.
struct DynamoDBFixture {
    let service: DynamoDBService
    let store: SQLiteDynamoDBStore
    let clock = ManualClock()

    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: "localhost:4566",
        receivedAt: Date(timeIntervalSince1970: 0))
    var context: RequestContext { Self.context }

    init() throws {
        store = SQLiteDynamoDBStore(database: try SQLiteDatabase.inMemory(name: "dynamodb"))
        service = DynamoDBService(store: store, clock: clock)
    }

    /// Creates a PAY_PER_REQUEST table `pk` (S) [+ `sk` (N)] with optional GSIs on string attributes.
    @discardableResult
    func createTable(
        _ name: String, rangeKey: Bool = true, globalIndexes: [(name: String, hash: String, projection: String)] = []
    ) async throws -> DynamoDB.TableDescription {
        var schema = [DynamoDB.KeySchemaElement(attributeName: "pk", keyType: "HASH")]
        var definitions = [DynamoDB.AttributeDefinition(attributeName: "pk", attributeType: "S")]
        if rangeKey {
            schema.append(DynamoDB.KeySchemaElement(attributeName: "sk", keyType: "RANGE"))
            definitions.append(DynamoDB.AttributeDefinition(attributeName: "sk", attributeType: "N"))
        }
        for index in globalIndexes where !definitions.contains(where: { $0.attributeName == index.hash }) {
            definitions.append(DynamoDB.AttributeDefinition(attributeName: index.hash, attributeType: "S"))
        }
        var input = DynamoDB.CreateTableInput(
            attributeDefinitions: definitions, tableName: name, keySchema: schema, billingMode: "PAY_PER_REQUEST")
        if !globalIndexes.isEmpty {
            input.globalSecondaryIndexes = globalIndexes.map {
                DynamoDB.GlobalSecondaryIndex(
                    indexName: $0.name, keySchema: [DynamoDB.KeySchemaElement(attributeName: $0.hash, keyType: "HASH")],
                    projection: DynamoDB.Projection(projectionType: DynamoDB.ProjectionType(rawValue: $0.projection)))
            }
        }
        return try await service.createTable(input, context: context).tableDescription!
    }

    func put(_ table: String, _ item: [String: DynamoDB.AttributeValue]) async throws {
        _ = try await service.putItem(DynamoDB.PutItemInput(tableName: table, item: item), context: context)
    }

    func get(_ table: String, _ key: [String: DynamoDB.AttributeValue]) async throws -> [String: DynamoDB.AttributeValue]? {
        try await service.getItem(DynamoDB.GetItemInput(tableName: table, key: key), context: context).item
    }
}

func s(_ text: String) -> DynamoDB.AttributeValue { DynamoDB.AttributeValue(s: text) }
func n(_ text: String) -> DynamoDB.AttributeValue { DynamoDB.AttributeValue(n: text) }

/// The AWS error a call throws (nil when it succeeds or throws something else).
func awsError(_ body: () async throws -> Void) async -> AWSServiceError? {
    do {
        try await body()
        return nil
    } catch let error as AWSServiceError {
        return error
    } catch {
        return nil
    }
}

/// The change time store-level tests give item writes (no table of theirs keeps a point-in-time history).
let testChangeTime = Date(timeIntervalSince1970: 1_700_000_000)
