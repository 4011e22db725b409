// DynamoDB's wording for PartiQL statements it refuses.

/// The messages DynamoDB gives for PartiQL statements that do not parse or that ask for something it does not do.
///
/// Guarantees: every error is a ``DynamoDBValidationError`` (a `ValidationException`) whose message starts with
/// DynamoDB's own prefix for the case.
package enum DynamoDBPartiQLSyntax {
    /// DynamoDB's prefix for statements that do not parse.
    package static let malformedPrefix = "Statement wasn't well formed, can't be processed: "

    /// "Statement wasn't well formed, can't be processed: <detail>".
    package static func error(_ detail: String) -> DynamoDBValidationError {
        DynamoDBValidationError(message: malformedPrefix + detail)
    }

    /// A statement that parses but uses a feature DynamoDB's PartiQL (or Stratus) does not run.
    package static func unsupported(_ detail: String) -> DynamoDBValidationError {
        DynamoDBValidationError(message: "Unsupported operation: \(detail)")
    }

    /// The `?` count differs from the number of `Parameters`.
    package static let parameterCountMismatch = DynamoDBValidationError(
        message: "Number of parameters in request and statement don't match.")

    /// UPDATE, DELETE, EXISTS and batch or transaction SELECTs need `key = value` for every key attribute.
    package static let missingKeyEquality = DynamoDBValidationError(
        message: "Where clause does not contain a mandatory equality on all key attributes")
}
