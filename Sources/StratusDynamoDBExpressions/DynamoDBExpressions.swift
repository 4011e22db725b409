// StratusDynamoDBExpressions: DynamoDB's attribute values and expression language, parsed and evaluated (pure, L0).

/// The namespace of DynamoDB's expression language: condition, filter, key-condition, update and projection
/// expressions over ``DynamoDBExpressions`` attribute values.
///
/// Guarantees: pure (no I/O, no clock); the messages of its errors are the `ValidationException` texts DynamoDB gives.
package enum DynamoDBExpressions {}
