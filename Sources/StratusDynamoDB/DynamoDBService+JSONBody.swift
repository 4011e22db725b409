// DynamoDBService+JSONBody: PutItem answered straight from its JSON body.
import StratusAPIDynamoDB
import StratusServiceKit

extension DynamoDBService: AWSJSONBodyHandler {
    /// `PutItem` bodies that ``DynamoDBPutItemBody`` reads (`TableName` and `Item` only) skip the generic decode;
    /// the operation itself is the same ``putItem(_:input:context:)`` the generic path calls, so answers, errors and
    /// effects are the same. Every other request answers `nil` (the generic path).
    package func handle(operation: OperationSchema, jsonBody body: [UInt8], context: RequestContext) async throws
        -> AWSValue?
    {
        guard operation.name == "PutItem", let request = DynamoDBPutItemBody.read(body) else { return nil }
        let input = DynamoDB.PutItemInput(tableName: request.tableName, item: [:])
        return try await putItem(request.item, input: input, context: context).awsValue
    }
}
