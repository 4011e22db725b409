// LambdaFailure: the errors the Lambda API answers with, with Lambda's codes and wording.
import OrderedCollections
import StratusAPILambda
import StratusServiceKit

/// Lambda's errors. Every Lambda error body carries `Type` (`User` for caller faults, `Service` otherwise) beside
/// the message, as Lambda sends it.
package enum LambdaFailure {
    /// `RequestEntityTooLargeException` (413): the name Lambda answers for oversized invoke payloads (the model
    /// calls the shape `RequestTooLargeException`).
    package static let requestEntityTooLargeCode = AWSErrorCode("RequestEntityTooLargeException", httpStatus: 413)

    static func user(_ code: AWSErrorCode, _ message: String) -> AWSServiceError {
        AWSServiceError(code, message, fields: ["Type": .string("User")])
    }

    /// `ResourceNotFoundException` with a free-form message.
    package static func notFound(_ message: String) -> AWSServiceError {
        user(LambdaErrors.resourceNotFoundException, message)
    }

    /// `Function not found: <arn>`.
    package static func functionNotFound(_ arn: String) -> AWSServiceError { notFound("Function not found: \(arn)") }

    /// `InvalidParameterValueException`.
    package static func invalidParameter(_ message: String) -> AWSServiceError {
        user(LambdaErrors.invalidParameterValueException, message)
    }

    /// `ResourceConflictException`.
    package static func conflict(_ message: String) -> AWSServiceError {
        user(LambdaErrors.resourceConflictException, message)
    }

    /// `PreconditionFailedException` for a stale `RevisionId`.
    package static func revisionMismatch(of what: String) -> AWSServiceError {
        user(LambdaErrors.preconditionFailedException,
             "The Revision Id provided does not match the latest Revision Id. Call the \(what) API to retrieve the latest Revision Id")
    }

    /// `TooManyRequestsException` (429) with `Reason`.
    package static func throttled(reason: String) -> AWSServiceError {
        AWSServiceError(LambdaErrors.tooManyRequestsException, "Rate Exceeded.",
                        fields: ["Reason": .string(reason), "Type": .string("User")])
    }

    /// `RequestEntityTooLargeException` for a payload over `limit` bytes.
    package static func payloadTooLarge(limit: Int) -> AWSServiceError {
        user(requestEntityTooLargeCode, "Request must be smaller than \(limit) bytes for the InvokeFunction operation")
    }

    /// `InvalidRequestContentException` for a payload that is not JSON.
    package static func invalidRequestContent(_ detail: String) -> AWSServiceError {
        user(LambdaErrors.invalidRequestContentException, "Could not parse request body into json: \(detail)")
    }

    /// `ServiceException`.
    package static func service(_ message: String) -> AWSServiceError {
        AWSServiceError(LambdaErrors.serviceException, message, fields: ["Type": .string("Service")])
    }

    /// `ResourceConflictException` while a function is being created (or failed).
    package static func notReady(state: String, arn: String) -> AWSServiceError {
        conflict("The operation cannot be performed at this time. The function is currently in the following state: \(state)")
    }

    /// `ResourceConflictException` while an update of the function is in progress.
    package static func updateInProgress(arn: String) -> AWSServiceError {
        conflict("The operation cannot be performed at this time. An update is in progress for resource: \(arn)")
    }
}
