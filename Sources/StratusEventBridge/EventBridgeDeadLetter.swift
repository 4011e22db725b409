import StratusServiceKit

/// The message attributes EventBridge puts on an event it sends to a target's dead-letter queue: `RULE_ARN`,
/// `TARGET_ARN`, `ERROR_CODE`, `ERROR_MESSAGE` and `RETRY_ATTEMPTS`.
///
/// Guarantees: `ERROR_CODE` is one of EventBridge's codes — `NO_RESOURCE` for a target that does not exist,
/// `INVALID_PARAMETER` for an input the target's own settings could not build (an `InputPath` or template that
/// fails), `THROTTLING` for an API destination call held back by its rate limit until the event was too old,
/// `ERROR_FROM_TARGET` for anything else the target refused; `RETRY_ATTEMPTS` the retries made (`0` for the
/// in-process targets, which fail for good and are sent on at once); `EXHAUSTED_RETRY_CONDITION`
/// (`MaximumRetryAttemptsExhausted`, `MaximumEventAgeExhausted`) when the retries were spent.
package struct EventBridgeDeadLetter: Sendable, Equatable {
    /// The attributes, by name.
    package let attributes: [String: String]

    /// The attributes for `error`, met delivering the event of rule `ruleARN` to target `targetARN`.
    package init(ruleARN: String, targetARN: String, error: any Error, retryAttempts: Int = 0,
                 exhaustedCondition: String? = nil) {
        let (code, message) = Self.classify(error)
        var attributes = [
            "RULE_ARN": ruleARN, "TARGET_ARN": targetARN, "ERROR_CODE": code, "ERROR_MESSAGE": message,
            "RETRY_ATTEMPTS": String(retryAttempts),
        ]
        if let exhaustedCondition { attributes["EXHAUSTED_RETRY_CONDITION"] = exhaustedCondition }
        self.attributes = attributes
    }

    /// Error codes of the target services that mean the target does not exist.
    static let missingResourceCodes: Set<String> = [
        "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "NotFound", "ResourceNotFoundException",
        "StateMachineDoesNotExist",
    ]

    private static func classify(_ error: any Error) -> (code: String, message: String) {
        if let failure = error as? EventBridgeInputFailure {
            return ("INVALID_PARAMETER", failure.message)
        }
        if let failure = error as? AWSServiceError {
            let message = failure.message ?? failure.code.code
            if missingResourceCodes.contains(failure.code.code) || failure.code.httpStatus == 404 {
                return ("NO_RESOURCE", message)
            }
            return ("ERROR_FROM_TARGET", message)
        }
        if let failure = error as? EventBridgeHTTPFailure {
            return ("ERROR_FROM_TARGET", failure.description)
        }
        if let failure = error as? EventBridgeThrottledCall {
            return ("THROTTLING", failure.description)
        }
        return ("ERROR_FROM_TARGET", "\(error)")
    }
}

/// A target's input could not be built from the event (its `InputPath` or an `InputTransformer` path failed).
struct EventBridgeInputFailure: Error {
    let message: String
}
