// Which request parameter an expression came from: it names the parameter in error messages.

/// The request parameter an expression was given in.
///
/// Guarantees: `rawValue` is the parameter name DynamoDB puts in its messages ("Invalid <rawValue>: …").
package enum DynamoDBExpressionKind: String, Sendable, Hashable {
    /// `ConditionExpression` (PutItem, UpdateItem, DeleteItem, transactions).
    case condition = "ConditionExpression"
    /// `FilterExpression` (Query, Scan).
    case filter = "FilterExpression"
    /// `KeyConditionExpression` (Query).
    case keyCondition = "KeyConditionExpression"
    /// `UpdateExpression` (UpdateItem).
    case update = "UpdateExpression"
    /// `ProjectionExpression` (GetItem, Query, Scan, BatchGetItem, TransactGetItems).
    case projection = "ProjectionExpression"

    /// "Invalid <parameter>: <detail>".
    func error(_ detail: String) -> DynamoDBValidationError {
        DynamoDBValidationError(message: "Invalid \(rawValue): \(detail)")
    }
}
