/// The wire identity of an AWS error: its code, HTTP status and fault side.
///
/// Generated per-service error catalogs (`SQSErrors.queueDoesNotExist`, …) and the common catalog below are
/// values of this type; codecs write `code` as `__type`, `<Code>` or `x-amzn-errortype`.
package struct AWSErrorCode: Sendable, Hashable {
    /// The error code as AWS writes it (`QueueDoesNotExist`, `ValidationException`).
    package var code: String
    /// The HTTP status.
    package var httpStatus: Int
    /// `true` for client errors (`Sender`), `false` for server faults (`Receiver`).
    package var senderFault: Bool
    /// The legacy AWS Query code of a query-compatible JSON service (`AWS.SimpleQueueService.NonExistentQueue`).
    package var queryCode: String?

    package init(_ code: String, httpStatus: Int = 400, senderFault: Bool = true, queryCode: String? = nil) {
        self.code = code
        self.httpStatus = httpStatus
        self.senderFault = senderFault
        self.queryCode = queryCode
    }
}

extension AWSErrorCode {
    /// A parameter failed the model's constraints (JSON and REST services).
    package static let validation = AWSErrorCode("ValidationException")
    /// A parameter failed the model's constraints (AWS Query services).
    package static let validationError = AWSErrorCode("ValidationError")
    /// A required parameter is missing (AWS Query services).
    package static let missingParameter = AWSErrorCode("MissingParameter")
    /// A parameter value is not valid (AWS Query services).
    package static let invalidParameterValue = AWSErrorCode("InvalidParameterValue")
    /// The body could not be read as the protocol's format.
    package static let serialization = AWSErrorCode("SerializationException")
    /// An unknown `X-Amz-Target` operation (JSON services).
    package static let unknownOperation = AWSErrorCode("UnknownOperationException")
    /// An unknown `Action` (AWS Query services).
    package static let invalidAction = AWSErrorCode("InvalidAction")
    /// No `Action` parameter (AWS Query services).
    package static let missingAction = AWSErrorCode("MissingAction")
    /// The request carries no credentials where they are required.
    package static let missingAuthenticationToken = AWSErrorCode("MissingAuthenticationToken", httpStatus: 403)
    /// The access key id is not known.
    package static let invalidClientTokenId = AWSErrorCode("InvalidClientTokenId", httpStatus: 403)
    /// The `Authorization` header is malformed.
    package static let incompleteSignature = AWSErrorCode("IncompleteSignature", httpStatus: 403)
    /// The signature does not match the one computed by the server.
    package static let signatureDoesNotMatch = AWSErrorCode("SignatureDoesNotMatch", httpStatus: 403)
    /// The caller may not perform the operation.
    package static let accessDenied = AWSErrorCode("AccessDeniedException", httpStatus: 400)
    /// The request body is larger than the service accepts.
    package static let requestEntityTooLarge = AWSErrorCode("RequestEntityTooLarge", httpStatus: 413)
    /// The content type of the request is not supported.
    package static let unsupportedMediaType = AWSErrorCode("UnsupportedMediaType", httpStatus: 415)
    /// No service answers the request.
    package static let unknownService = AWSErrorCode("UnrecognizedClientException", httpStatus: 400)
    /// Stratus does not implement the operation (yet).
    package static let notImplemented = AWSErrorCode("NotImplemented", httpStatus: 501, senderFault: false)
    /// An unexpected failure inside Stratus.
    package static let internalFailure = AWSErrorCode("InternalFailure", httpStatus: 500, senderFault: false)
}
