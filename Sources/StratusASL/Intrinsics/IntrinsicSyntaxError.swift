/// A malformed intrinsic function expression (a definition error).
///
/// Guarantees: ``message`` says what is wrong and where; it is not AWS's validation wording, which names the
/// field instead (`The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call`).
public struct IntrinsicSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// An error with the given message.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
