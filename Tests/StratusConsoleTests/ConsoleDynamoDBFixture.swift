import Foundation
import HTTPTypes
import StratusAPIDynamoDB
import StratusAWSCore
import StratusConsole
import StratusDynamoDB
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting

/// A console over a real DynamoDB service on an in-memory SQLite store, reached in-process like the server reaches
/// it, with helpers creating tables and items through the service.
struct ConsoleDynamoDBFixture: ConsoleRequesting {
    /// The service, called through its handler as the server calls it.
    let client: DynamoDBClient
    /// The console under test, calling the same service.
    let console: ConsoleEndpoints

    /// The caller of the fixture's own service calls (the console's default account and region).
    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: "localhost:4566",
        receivedAt: Date(timeIntervalSince1970: 0))

    /// A fresh service with no tables, and a console over it.
    init() throws {
        let clock = ManualClock()
        let store = SQLiteDynamoDBStore(database: try SQLiteDatabase.inMemory(name: "dynamodb"))
        let service = DynamoDBService(store: store, clock: clock, ids: CountingIDs(prefix: "ddb-"))
        let invoker = HandlerServiceInvoker(handlers: [service])
        client = DynamoDBClient(invoker: invoker, context: Self.context)
        console = ConsoleEndpoints(invoker: invoker, clock: clock,
                                   requestIDs: CountingIDs(prefix: "console-"))
    }

    /// Creates the on-demand table `name` with partition key `pk` (S) and, when `sortKey`, sort key `sk` (N); `index`
    /// adds the GSI `by-owner` on `owner` (S) projecting all attributes.
    @discardableResult
    func createTable(_ name: String, sortKey: Bool = true, index: Bool = false) async throws -> DynamoDB.TableDescription {
        var schema = [DynamoDB.KeySchemaElement(attributeName: "pk", keyType: "HASH")]
        var definitions = [DynamoDB.AttributeDefinition(attributeName: "pk", attributeType: "S")]
        if sortKey {
            schema.append(DynamoDB.KeySchemaElement(attributeName: "sk", keyType: "RANGE"))
            definitions.append(DynamoDB.AttributeDefinition(attributeName: "sk", attributeType: "N"))
        }
        var input = DynamoDB.CreateTableInput(
            attributeDefinitions: definitions, tableName: name, keySchema: schema, billingMode: "PAY_PER_REQUEST")
        if index {
            input.attributeDefinitions?.append(DynamoDB.AttributeDefinition(attributeName: "owner", attributeType: "S"))
            input.globalSecondaryIndexes = [DynamoDB.GlobalSecondaryIndex(
                indexName: "by-owner", keySchema: [DynamoDB.KeySchemaElement(attributeName: "owner", keyType: "HASH")],
                projection: DynamoDB.Projection(projectionType: "ALL"))]
        }
        return try await client.createTable(input).tableDescription!
    }

    /// Writes `item` to `table` through `PutItem`.
    func put(_ table: String, _ item: [String: DynamoDB.AttributeValue]) async throws {
        _ = try await client.putItem(DynamoDB.PutItemInput(tableName: table, item: item))
    }

    /// Enables TTL on `attribute` of `table`.
    func enableTimeToLive(_ table: String, attribute: String) async throws {
        _ = try await client.updateTimeToLive(DynamoDB.UpdateTimeToLiveInput(
            tableName: table,
            timeToLiveSpecification: DynamoDB.TimeToLiveSpecification(enabled: true, attributeName: attribute)))
    }

    /// The JSON answer of `GET /_stratus/console/api/dynamodb<route>`, with its status.
    func api(_ route: String) async throws -> (HTTPResponse.Status, JSONValue) {
        let response = await request(.get, "/_stratus/console/api/dynamodb" + route)
        return (response.status, try JSONValue.parse(response.body))
    }
}

/// A string attribute value.
func ddbString(_ text: String) -> DynamoDB.AttributeValue { DynamoDB.AttributeValue(s: text) }
/// A number attribute value.
func ddbNumber(_ text: String) -> DynamoDB.AttributeValue { DynamoDB.AttributeValue(n: text) }
