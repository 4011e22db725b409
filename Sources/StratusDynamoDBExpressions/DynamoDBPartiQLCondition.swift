// Using a PartiQL WHERE where the service expects a checked condition expression.

/// Turns a parsed PartiQL WHERE into the condition types the item operations evaluate.
///
/// Guarantees: evaluation is the expression library's own (DynamoDB's typing rules: a comparison of different
/// types is false, a missing attribute equals nothing); no placeholders are involved.
package enum DynamoDBPartiQLCondition {
    /// The condition as a ``DynamoDBConditionExpression`` (for read plans that filter with one).
    package static func expression(_ condition: DynamoDBCondition) -> DynamoDBConditionExpression {
        DynamoDBConditionExpression(condition: condition, usedNames: [], usedValues: [])
    }

    /// Whether an item satisfies the condition.
    package static func holds(_ condition: DynamoDBCondition, on item: DynamoDBItem) -> Bool {
        DynamoDBConditionEvaluator(item: item).evaluate(condition)
    }
}
