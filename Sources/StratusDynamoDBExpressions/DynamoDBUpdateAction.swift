// The parsed form of update expressions: SET, REMOVE, ADD and DELETE actions.

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

/// One action of an update expression.
package enum DynamoDBUpdateAction: Sendable, Hashable {
    /// `SET path = operand`.
    case set(DynamoDBDocumentPath, DynamoDBUpdateOperand)
    /// `REMOVE path`.
    case remove(DynamoDBDocumentPath)
    /// `ADD path :value` (a number to add, or set members to add).
    case add(DynamoDBDocumentPath, DynamoDBValue)
    /// `DELETE path :value` (set members to remove).
    case delete(DynamoDBDocumentPath, DynamoDBValue)

    /// The path the action writes.
    package var path: DynamoDBDocumentPath {
        switch self {
        case let .set(path, _), let .remove(path), let .add(path, _), let .delete(path, _): path
        }
    }
}

/// The outcome of applying an update expression to an item.
package struct DynamoDBUpdateResult: Sendable, Hashable {
    /// The item after the update.
    package var item: DynamoDBItem
    /// The paths the expression wrote, in the order written (for `ReturnValues` `UPDATED_OLD`/`UPDATED_NEW`:
    /// project the old or new item onto them with ``DynamoDBProjectionExpression/project(_:paths:)``).
    package var updatedPaths: [DynamoDBDocumentPath]
    /// The top-level attributes whose value differs between the old and the new item.
    package var changedAttributes: Set<String>
}
