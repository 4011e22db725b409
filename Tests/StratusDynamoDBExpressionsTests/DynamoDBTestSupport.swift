// Small builders shared by the DynamoDB expression tests.

@testable import StratusDynamoDBExpressions
import StratusTesting

/// A number value from text known to be valid.
func N(_ text: String) -> DynamoDBValue {
    .number(try! DynamoDBNumber(text))
}

/// A string value.
func S(_ text: String) -> DynamoDBValue {
    .string(text)
}

/// A number from text known to be valid.
func number(_ text: String) -> DynamoDBNumber {
    try! DynamoDBNumber(text)
}

/// The error DynamoDB gives, for `#expect(throws:)`.
func validation(_ message: String) -> DynamoDBValidationError {
    DynamoDBValidationError(message: message)
}

/// Parses a condition and evaluates it on an item.
func holds(
    _ expression: String, on item: DynamoDBItem, names: [String: String]? = nil, values: [String: DynamoDBValue]? = nil
) throws -> Bool {
    try DynamoDBConditionExpression.parse(expression, names: names, values: values).evaluate(on: item)
}

/// Parses an update and applies it to an item.
func updated(
    _ item: DynamoDBItem, _ expression: String, names: [String: String]? = nil,
    values: [String: DynamoDBValue]? = nil, itemExists: Bool = true
) throws -> DynamoDBItem {
    try DynamoDBUpdateExpression.parse(expression, names: names, values: values)
        .apply(to: item, itemExists: itemExists).item
}
