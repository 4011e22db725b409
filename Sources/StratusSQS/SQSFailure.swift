import StratusAPISQS
import StratusServiceKit

/// The errors SQS answers with, with AWS's codes and wording.
///
/// Codes outside the model's exception list (`InvalidParameterValue`, `MissingParameter`) are what AWS sends
/// in `x-amzn-query-error` and over AWS Query; over AWS JSON they travel as `__type`.
package enum SQSFailure {
    /// `InvalidParameterValue`, the code AWS uses for most invalid inputs.
    package static let invalidParameterValueCode = AWSErrorCode("InvalidParameterValue")
    /// `MissingParameter`.
    package static let missingParameterCode = AWSErrorCode("MissingParameter")

    /// The queue named by a URL or name does not exist.
    package static func queueDoesNotExist() -> AWSServiceError {
        AWSServiceError(SQSErrors.queueDoesNotExist, "The specified queue does not exist.")
    }

    /// An invalid parameter value with AWS's free-form message.
    package static func invalidParameterValue(_ message: String) -> AWSServiceError {
        AWSServiceError(invalidParameterValueCode, message)
    }

    /// `Value <value> for parameter <name> is invalid. Reason: <reason>`.
    package static func invalidParameter(_ name: String, value: String, reason: String) -> AWSServiceError {
        invalidParameterValue("Value \(value) for parameter \(name) is invalid. Reason: \(reason)")
    }

    /// A required parameter is missing.
    package static func missingParameter(_ name: String) -> AWSServiceError {
        AWSServiceError(missingParameterCode, "The request must contain the parameter \(name).")
    }

    /// An unknown queue attribute name.
    package static func unknownAttribute(_ name: String) -> AWSServiceError {
        AWSServiceError(SQSErrors.invalidAttributeName, "Unknown Attribute \(name).")
    }

    /// An invalid queue attribute value.
    package static func invalidAttributeValue(_ name: String, reason: String? = nil) -> AWSServiceError {
        AWSServiceError(
            SQSErrors.invalidAttributeValue,
            "Invalid value for the parameter \(name)." + (reason.map { " Reason: \($0)" } ?? ""))
    }

    /// A receipt handle that is not one SQS issued.
    package static func receiptHandleIsInvalid(_ handle: String) -> AWSServiceError {
        AWSServiceError(
            SQSErrors.receiptHandleIsInvalid, "The input receipt handle \"\(handle)\" is not a valid receipt handle.")
    }

    /// Characters outside the set SQS accepts in bodies and attribute values.
    package static func invalidMessageContents() -> AWSServiceError {
        AWSServiceError(
            SQSErrors.invalidMessageContents,
            "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF")
    }
}
