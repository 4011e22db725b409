import OrderedCollections

/// An error a service answers with: a code from a generated or common catalog, a message, and the extra
/// members of the error shape. Codecs serialize it in their protocol's error format.
package struct AWSServiceError: Error, Sendable, Equatable {
    /// The wire identity.
    package var code: AWSErrorCode
    /// The human-readable message (`message`/`Message` on the wire), if any.
    package var message: String?
    /// Other members of the error shape (member name → value), serialized beside the message.
    package var fields: OrderedDictionary<String, AWSValue>
    /// Extra HTTP headers to send with the error.
    package var headers: [(String, String)]

    package init(
        _ code: AWSErrorCode,
        _ message: String? = nil,
        fields: OrderedDictionary<String, AWSValue> = [:],
        headers: [(String, String)] = []
    ) {
        self.code = code
        self.message = message
        self.fields = fields
        self.headers = headers
    }

    package static func == (lhs: AWSServiceError, rhs: AWSServiceError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.fields == rhs.fields
            && lhs.headers.map { "\($0.0):\($0.1)" } == rhs.headers.map { "\($0.0):\($0.1)" }
    }

    /// The answer to an operation Stratus does not implement: HTTP 501 with a message naming it.
    package static func notImplemented(service: String, operation: String) -> AWSServiceError {
        AWSServiceError(
            .notImplemented,
            "The operation \(operation) of service \(service) is not implemented by Stratus."
        )
    }

    /// A `ValidationException` with AWS's message.
    package static func validation(_ message: String) -> AWSServiceError {
        AWSServiceError(.validation, message)
    }
}
