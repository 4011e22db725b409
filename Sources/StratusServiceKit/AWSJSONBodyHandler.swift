// AWSJSONBodyHandler: services that answer some AWS JSON operations straight from the request body.

/// A handler that reads some operations' AWS JSON request bodies itself, skipping the generic decode into
/// ``AWSValue``, the model validation and the typed input (the hottest operations, where those steps cost as much as
/// the operation).
///
/// The gateway offers every AWS JSON request of the handler's service to ``handle(operation:jsonBody:context:)``
/// first, after routing, size limits and authentication, and takes the generic path when it answers `nil`.
///
/// Contract (what makes the shortcut invisible to clients): answer non-`nil` only for a body that the generic path
/// would decode and that passes model validation, and answer it exactly as ``AWSServiceHandler/handle(operation:input:context:)``
/// would answer the decoded input (same output, same thrown ``AWSServiceError``s, same effects). Anything the reader
/// is not sure of (unknown or unusual members, escapes, encodings it does not read) answers `nil` before any effect.
package protocol AWSJSONBodyHandler: AWSServiceHandler {
    /// Answers `operation` from its UTF-8 JSON `body`, or `nil` (with no effect) to leave the request to the generic
    /// path. Throws as ``AWSServiceHandler/handle(operation:input:context:)`` would for the same request.
    func handle(operation: OperationSchema, jsonBody body: [UInt8], context: RequestContext) async throws -> AWSValue?
}
