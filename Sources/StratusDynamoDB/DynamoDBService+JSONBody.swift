// DynamoDBService+JSONBody: PutItem and GetItem answered straight from their JSON bodies.
import StratusAPIDynamoDB
import StratusServiceKit

extension DynamoDBService: AWSJSONBodyHandler {
    /// `PutItem` bodies that ``DynamoDBPutItemBody`` reads (`TableName` and `Item` only) and `GetItem` bodies that
    /// ``DynamoDBGetItemBody`` reads (`TableName`, `Key`, `ConsistentRead`) skip the generic decode; the operations
    /// share their code with the generic path (``putItem(_:input:context:)``, the table and key checks and the read of
    /// ``getItem(_:context:)``), so answers, errors and effects are the same. Every other request answers `nil`
    /// (the generic path).
    package func handle(operation: OperationSchema, jsonBody body: [UInt8], context: RequestContext) async throws
        -> AWSValue?
    {
        switch operation.name {
        case "PutItem":
            guard let request = DynamoDBPutItemBody.read(body) else { return nil }
            let input = DynamoDB.PutItemInput(tableName: request.tableName, item: [:])
            return try await putItem(request.item, input: input, context: context).awsValue
        case "GetItem":
            guard let request = DynamoDBGetItemBody.read(body) else { return nil }
            return try await getItem(request, context: context)
        default:
            return nil
        }
    }
}
