// The parsed form of update expressions: SET, REMOVE, ADD and DELETE actions.

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
