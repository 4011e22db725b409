// What applying an update expression produced.

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
