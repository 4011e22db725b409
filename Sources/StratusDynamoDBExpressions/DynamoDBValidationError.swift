// The one error type of the pure DynamoDB library: a ValidationException with DynamoDB's exact message.

/// A DynamoDB `ValidationException`: the request is invalid and nothing may change.
///
/// Guarantees: `message` is the text DynamoDB itself returns for the same mistake (as far as it is known), ready
/// to be sent as the exception's message unchanged.
package struct DynamoDBValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// DynamoDB's message text.
    package var message: String

    /// An error with the given DynamoDB message.
    package init(message: String) {
        self.message = message
    }

    /// The message.
    package var description: String { message }

    /// DynamoDB's error for number text that is not a number: "The parameter cannot be converted to a numeric
    /// value" for the empty string, with ": <text>" appended otherwise.
    package static func invalidNumber(_ text: String) -> DynamoDBValidationError {
        DynamoDBValidationError(
            message: text.isEmpty
                ? "The parameter cannot be converted to a numeric value"
                : "The parameter cannot be converted to a numeric value: \(text)")
    }
}
