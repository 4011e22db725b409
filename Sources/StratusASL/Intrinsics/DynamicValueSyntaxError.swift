/// A `.$` field whose text is neither a valid path nor a valid intrinsic call (a definition error).
///
/// Guarantees: ``message`` is AWS's `SCHEMA_VALIDATION_FAILED` sentence for the field; ``detail`` is ours.
public struct DynamicValueSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// AWS's sentence.
    public var message: String
    /// What exactly is wrong.
    public var detail: String
    /// An error with the given texts.
    public init(message: String, detail: String) {
        self.message = message
        self.detail = detail
    }
    /// The message.
    public var description: String { message }
}
