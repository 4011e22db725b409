import HTTPTypes
import StratusAPIDynamoDB
import StratusJSON
import StratusServiceKit

/// The DynamoDB calls behind the console API (routes under `/_stratus/console/api/dynamodb/`), through the generated
/// typed client.
///
/// | method and path | operation | answer |
/// |---|---|---|
/// | `GET tables` | `ListTables` (every page), `DescribeTable` of each | `{"tables": [Table...], "truncated": bool}` |
/// | `GET table?name=` | `DescribeTable`, `DescribeTimeToLive` | `{"table": Table, "timeToLive": TimeToLiveDescription}` |
/// | `GET items?table=&limit=&start=&index=&partition=` | `Scan` (or `Query` with `partition`) | one page (see ``dynamoDBItems(_:context:)``) |
extension ConsoleAPI {
    /// The generated DynamoDB client calling the service in-process as `context`.
    func dynamoDBClient(_ context: RequestContext) -> DynamoDBClient {
        DynamoDBClient(invoker: invoker, context: context)
    }

    /// Answers the DynamoDB route `route` (the path after `/dynamodb`): the routes above for GET, 405 naming GET for
    /// another method, 404 for any other path.
    func dynamoDB(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        let parameters = request.parameters
        switch (route, request.method) {
        case ("/tables", .get):
            return .json(.ok, try await listDynamoDBTables(context: context))
        case ("/table", .get):
            return .json(.ok, try await describeDynamoDBTable(name: try required("name", parameters), context: context))
        case ("/items", .get):
            return .json(.ok, try await dynamoDBItems(parameters, context: context))
        case ("/tables", _), ("/table", _), ("/items", _):
            return Self.methodNotAllowed(.get)
        default:
            return Self.noRoute("/dynamodb" + route)
        }
    }

    /// Every table of the account and region in `ListTables` order (page after page), each as `DescribeTable`
    /// answers it; at most ``maximumListed`` tables, `"truncated": true` when there are more. A table deleted between
    /// the list and its description is left out.
    func listDynamoDBTables(context: RequestContext) async throws -> JSONValue {
        let client = dynamoDBClient(context)
        var names: [String] = []
        var lastName: String?
        repeat {
            let page = try await client.listTables(DynamoDB.ListTablesInput(exclusiveStartTableName: lastName, limit: 100))
            names += page.tableNames ?? []
            lastName = page.lastEvaluatedTableName
        } while lastName != nil && names.count <= Self.maximumListed
        var tables: [JSONValue] = []
        for name in names.prefix(Self.maximumListed) {
            do {
                if let table = try await client.describeTable(DynamoDB.DescribeTableInput(tableName: name)).table {
                    tables.append(table.awsValue.jsonValue)
                }
            } catch let error as AWSServiceError where error.code.code == "ResourceNotFoundException" {
                continue
            }
        }
        return ["tables": .array(tables), "truncated": .bool(names.count > Self.maximumListed || lastName != nil)]
    }

    /// `DescribeTable` and `DescribeTimeToLive` of the table `name`; throws the service's
    /// `ResourceNotFoundException` when there is no such table.
    func describeDynamoDBTable(name: String, context: RequestContext) async throws -> JSONValue {
        let client = dynamoDBClient(context)
        let table = try await client.describeTable(DynamoDB.DescribeTableInput(tableName: name)).table
        let timeToLive = try await client.describeTimeToLive(DynamoDB.DescribeTimeToLiveInput(tableName: name))
            .timeToLiveDescription
        return ["table": table?.awsValue.jsonValue ?? [:], "timeToLive": timeToLive?.awsValue.jsonValue ?? [:]]
    }
}
