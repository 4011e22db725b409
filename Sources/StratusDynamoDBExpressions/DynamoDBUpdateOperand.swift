// Values computed by SET actions.

/// A value computed by a SET action.
package indirect enum DynamoDBUpdateOperand: Sendable, Hashable {
    /// The value at a path of the item before the update (an error when missing).
    case path(DynamoDBDocumentPath)
    /// A value from `ExpressionAttributeValues`.
    case value(DynamoDBValue)
    /// `if_not_exists(path, fallback)`: the path's value if present, else the fallback.
    case ifNotExists(DynamoDBDocumentPath, DynamoDBUpdateOperand)
    /// `list_append(a, b)`: the concatenation of two lists.
    case listAppend(DynamoDBUpdateOperand, DynamoDBUpdateOperand)
    /// `a + b` on numbers.
    case plus(DynamoDBUpdateOperand, DynamoDBUpdateOperand)
    /// `a - b` on numbers.
    case minus(DynamoDBUpdateOperand, DynamoDBUpdateOperand)
}
