// StepFunctionsFailure: the errors Step Functions answers with, in AWS's words.
import StratusAPIStepFunctions
import StratusServiceKit

/// The errors of the Step Functions service, with AWS's codes and messages.
///
/// Guarantees: every code is one of the model's (`StepFunctionsErrors`) or `ValidationException`; messages follow
/// AWS's wording (`State Machine Does Not Exist: '<arn>'`, `Invalid Arn: '…'`, …).
package enum StepFunctionsFailure {
    /// No state machine has this ARN.
    package static func stateMachineDoesNotExist(_ arn: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(arn)'")
    }

    /// A state machine with this name exists with another definition or configuration.
    package static func stateMachineAlreadyExists(_ arn: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.stateMachineAlreadyExists, "State Machine Already Exists: '\(arn)'")
    }

    /// An ARN that is malformed or names another kind of resource.
    package static func invalidArn(_ arn: String, reason: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.invalidArn, "Invalid Arn: '\(reason): \(arn)'")
    }

    /// A name outside AWS's rules.
    package static func invalidName(_ name: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.invalidName, "Invalid Name: '\(name)'")
    }

    /// A definition with errors; the message lists them as AWS does.
    package static func invalidDefinition(_ message: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.invalidDefinition, message)
    }

    /// A pagination token this service did not issue; AWS does not repeat the token (`Invalid Token: 'Invalid token'`,
    /// as recorded for `ListStateMachineAliases`).
    package static func invalidToken() -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.invalidToken, "Invalid Token: 'Invalid token'")
    }

    /// A parameter that must be present is missing.
    package static func missingRequiredParameter(_ message: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.missingRequiredParameter, message)
    }

    /// More tags than a resource may carry.
    package static func tooManyTags(_ arn: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.tooManyTags, "Too many tags on resource: '\(arn)'")
    }

    /// A feature of the API Stratus does not provide yet: a clear refusal rather than silent success.
    package static func unsupported(_ what: String) -> AWSServiceError {
        AWSServiceError.validation("Stratus does not support \(what) yet.")
    }
}
