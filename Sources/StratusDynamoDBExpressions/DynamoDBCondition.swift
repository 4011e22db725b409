// The parsed form of condition, filter and key-condition expressions.

/// A parsed condition (the tree of a `ConditionExpression`, `FilterExpression` or `KeyConditionExpression`).
///
/// Guarantees: placeholders are already substituted; every function has the right operand count and kinds.
package indirect enum DynamoDBCondition: Sendable, Hashable {
    /// `a <op> b`.
    case compare(DynamoDBConditionOperand, DynamoDBComparator, DynamoDBConditionOperand)
    /// `a BETWEEN lower AND upper`.
    case between(DynamoDBConditionOperand, lower: DynamoDBConditionOperand, upper: DynamoDBConditionOperand)
    /// `a IN (b, c, …)`.
    case isIn(DynamoDBConditionOperand, [DynamoDBConditionOperand])
    /// `attribute_exists(path)`.
    case attributeExists(DynamoDBDocumentPath)
    /// `attribute_not_exists(path)`.
    case attributeNotExists(DynamoDBDocumentPath)
    /// `attribute_type(path, type)`.
    case attributeType(DynamoDBConditionOperand, DynamoDBConditionOperand)
    /// `begins_with(a, prefix)`.
    case beginsWith(DynamoDBConditionOperand, DynamoDBConditionOperand)
    /// `contains(a, b)`.
    case contains(DynamoDBConditionOperand, DynamoDBConditionOperand)
    /// `a AND b`.
    case and(DynamoDBCondition, DynamoDBCondition)
    /// `a OR b`.
    case or(DynamoDBCondition, DynamoDBCondition)
    /// `NOT a`.
    case not(DynamoDBCondition)
}
