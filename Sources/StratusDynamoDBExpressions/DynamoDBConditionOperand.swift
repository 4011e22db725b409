// Operands of conditions.

/// An operand in a condition: a document path, a value from `ExpressionAttributeValues`, or `size(operand)`.
package indirect enum DynamoDBConditionOperand: Sendable, Hashable {
    /// The value at a path in the item (missing when the path does not resolve).
    case path(DynamoDBDocumentPath)
    /// A value supplied in `ExpressionAttributeValues`.
    case value(DynamoDBValue)
    /// `size(operand)`: a number, or missing for operands without a size.
    case size(DynamoDBConditionOperand)
}
