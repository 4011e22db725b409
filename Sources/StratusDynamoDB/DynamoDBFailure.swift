import OrderedCollections
import StratusAPIDynamoDB
import StratusServiceKit

/// The errors DynamoDB answers with, with its codes and wording.
package enum DynamoDBFailure {
    /// `ResourceNotFoundException` for a table-level operation on a missing table.
    package static func tableNotFound(_ name: String) -> AWSServiceError {
        AWSServiceError(DynamoDBErrors.resourceNotFoundException, "Requested resource not found: Table: \(name) not found")
    }

    /// `ResourceNotFoundException` for an item-level operation on a missing table.
    package static func resourceNotFound() -> AWSServiceError {
        AWSServiceError(DynamoDBErrors.resourceNotFoundException, "Requested resource not found")
    }

    /// `ResourceNotFoundException` for an ARN that names no table.
    package static func resourceNotFound(arn: String) -> AWSServiceError {
        AWSServiceError(DynamoDBErrors.resourceNotFoundException, "Requested resource not found: ResourcArn: \(arn) not found")
    }

    /// `ResourceInUseException` for CreateTable on a taken name.
    package static func tableExists(_ name: String) -> AWSServiceError {
        AWSServiceError(DynamoDBErrors.resourceInUseException, "Table already exists: \(name)")
    }

    /// `TableNotFoundException`, as the backup operations name a missing table.
    package static func backupTableNotFound(_ name: String) -> AWSServiceError {
        AWSServiceError(DynamoDBErrors.tableNotFoundException, "Table not found: \(name)")
    }

    /// `BackupNotFoundException` for an ARN that names no backup.
    package static func backupNotFound(_ arn: String) -> AWSServiceError {
        AWSServiceError(DynamoDBErrors.backupNotFoundException, "Backup not found: \(arn)")
    }

    /// `TableAlreadyExistsException` for a restore onto a taken name.
    package static func restoreTargetExists(_ name: String) -> AWSServiceError {
        AWSServiceError(DynamoDBErrors.tableAlreadyExistsException, "Table already exists: \(name)")
    }

    /// `ResourceInUseException` with a free-form message.
    package static func resourceInUse(_ message: String) -> AWSServiceError {
        AWSServiceError(DynamoDBErrors.resourceInUseException, message)
    }

    /// `ValidationException` "One or more parameter values were invalid: <detail>".
    package static func invalidParameter(_ detail: String) -> AWSServiceError {
        .validation("One or more parameter values were invalid: \(detail)")
    }

    /// The key of a request does not match the table's key schema.
    package static func keyMismatch() -> AWSServiceError {
        .validation("The provided key element does not match the schema")
    }

    /// An item bigger than 400 KB.
    package static func itemTooLarge() -> AWSServiceError {
        .validation("Item size has exceeded the maximum allowed size")
    }

    /// `ConditionalCheckFailedException`, with the item when the request asked for it.
    package static func conditionalCheckFailed(item: [String: DynamoDB.AttributeValue]?) -> AWSServiceError {
        var fields: OrderedDictionary<String, AWSValue> = [:]
        if let item, let encoded = try? AWSValueEncoder().encode(item) { fields["Item"] = encoded }
        return AWSServiceError(DynamoDBErrors.conditionalCheckFailedException, "The conditional request failed", fields: fields)
    }

    /// A 1-validation-error message for a member constraint, as the request validator words it.
    package static func constraint(value: String, member: String, _ constraint: String) -> AWSServiceError {
        .validation("1 validation error detected: Value \(value) at '\(member)' failed to satisfy constraint: \(constraint)")
    }
}
